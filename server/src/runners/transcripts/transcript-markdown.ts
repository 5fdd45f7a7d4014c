import { AGENT_EVENT_TYPES, type AgentSessionDetail, type EventEnvelope } from '@trustops/contracts';

export interface TranscriptHeading {
  title: string;
  runId: string;
  exportedAt: Date;
}

/** A fence longer than any run of backticks in `text`, so tool output cannot close it early. */
function fenced(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

function quoteLines(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** A session's conversation as a Markdown document: each question and the agent's answer. */
export function conversationMarkdown(session: AgentSessionDetail, exportedAt: Date): string {
  const lines: string[] = [
    `# ${session.title}`,
    '',
    `Conversation \`${session.id}\` · exported ${exportedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    '',
  ];
  for (const message of session.messages) {
    if (message.role === 'user') lines.push('## Question', '', quoteLines(message.text), '');
    else lines.push('## Answer', '', message.text, '');
  }
  return lines.join('\n');
}

/**
 * The agent transcript of a run as a Markdown document: every message, tool call and tool result
 * in the order they happened, with the usage and cost of each turn summed at the end. Built from
 * the run's `agent.*` events, so it is exactly what the live view showed.
 */
export function transcriptMarkdown(heading: TranscriptHeading, events: EventEnvelope[]): string {
  const lines: string[] = [
    `# ${heading.title}`,
    '',
    `Run \`${heading.runId}\` · exported ${heading.exportedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    '',
  ];
  let inputTokens = 0;
  let outputTokens = 0;
  let cost: number | null = 0;
  let model = '';
  for (const event of events) {
    const payload = event.payload;
    switch (event.type) {
      case AGENT_EVENT_TYPES.message: {
        const text = textOf(payload['text']);
        if (payload['role'] === 'user') lines.push('## Question', '', quoteLines(text), '');
        else lines.push('## Answer', '', text, '');
        break;
      }
      case AGENT_EVENT_TYPES.toolCall:
        lines.push(
          `### Tool call: \`${textOf(payload['tool'])}\``,
          '',
          fenced(JSON.stringify(payload['input'] ?? {}, null, 2), 'json'),
          '',
        );
        break;
      case AGENT_EVENT_TYPES.toolResult:
        lines.push(
          `#### Result of \`${textOf(payload['tool'])}\`${payload['isError'] === true ? ' (refused or failed)' : ''}`,
          '',
          fenced(textOf(payload['output'])),
          '',
        );
        break;
      case AGENT_EVENT_TYPES.usage: {
        inputTokens +=
          Number(payload['inputTokens'] ?? 0) +
          Number(payload['cacheReadInputTokens'] ?? 0) +
          Number(payload['cacheCreationInputTokens'] ?? 0);
        outputTokens += Number(payload['outputTokens'] ?? 0);
        model = textOf(payload['model']) || model;
        const turnCost = payload['costUsd'];
        cost = cost === null || typeof turnCost !== 'number' ? null : cost + turnCost;
        break;
      }
      default:
        break;
    }
  }
  lines.push(
    '---',
    '',
    `Model: ${model || 'unknown'} · ${inputTokens} input tokens · ${outputTokens} output tokens · cost ${cost === null ? 'unknown' : `$${cost.toFixed(4)}`}`,
    '',
  );
  return lines.join('\n');
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}

/** True for the events that make up a transcript. */
export function isAgentEvent(event: EventEnvelope): boolean {
  return (Object.values(AGENT_EVENT_TYPES) as string[]).includes(event.type);
}
