import { basename } from 'node:path';
import { MODEL_ENGINE_LABELS } from '../platform/status/status.service.js';
import { analyseWorkspace, type IntegrationAnalysis } from './offline/index.js';
import { emptyUsage, type Runner, type RunnerRequest, type RunnerResult } from './runner.js';

/** The offline engine has no model: its usage is always zero under this name. */
export const OFFLINE_MODEL = 'offline-analyser';

/**
 * The embedded default when no API key is configured: the deterministic integration analyser
 * (server/src/runners/offline). It cannot hold a conversation, so it says so, points at the parts
 * of its analysis that match the words of the question, and then gives the whole document.
 */
export class OfflineRunner implements Runner {
  readonly name = 'offline' as const;
  readonly label = MODEL_ENGINE_LABELS.offline;

  async run(request: RunnerRequest): Promise<RunnerResult> {
    const { emit, signal, workspace } = request;
    await emit({ type: 'agent.message', turn: 0, role: 'user', text: request.prompt });
    await emit({
      type: 'agent.tool_call',
      turn: 1,
      toolUseId: 'offline-analysis',
      tool: 'analyse_workspace',
      input: {},
    });
    const analysis = await analyseWorkspace(workspace.root, { signal, title: basename(workspace.root) });
    await emit({
      type: 'agent.tool_result',
      turn: 1,
      toolUseId: 'offline-analysis',
      tool: 'analyse_workspace',
      output: analysisSummary(analysis),
      isError: false,
    });
    const usage = { ...emptyUsage(OFFLINE_MODEL) };
    await emit({ type: 'agent.usage', turn: 1, ...usage });
    const text = answer(request.prompt, analysis);
    await emit({ type: 'agent.message', turn: 1, role: 'assistant', text });
    return { runner: 'offline', stopReason: 'completed', text, turns: 1, usage };
  }
}

function analysisSummary(analysis: IntegrationAnalysis): string {
  const { summary } = analysis;
  return [
    `Read ${summary.filesAnalysed} of ${summary.filesSeen} files (${summary.filesSkipped} skipped).`,
    `Found ${analysis.messageTypes.length} HL7 message types, ${analysis.segments.length} segments, ${analysis.endpoints.length} endpoints, ${analysis.handlers.length} handlers, ${analysis.transformations.length} transformations and ${analysis.components.length} components.`,
    ...analysis.warnings,
  ].join('\n');
}

/** Words of the question worth matching: HL7 codes (ADT, A01, PID) and longer words. */
function keywords(prompt: string): string[] {
  const stop = new Set([
    'what',
    'does',
    'this',
    'that',
    'with',
    'from',
    'have',
    'which',
    'where',
    'when',
    'there',
    'about',
    'into',
    'feed',
    'please',
    'integration',
    'system',
    'tell',
    'explain',
    'show',
    'give',
  ]);
  const words = prompt.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  return [
    ...new Set(
      words.filter((word) =>
        /^[a-z]{2,3}\d{0,2}$/.test(word) ? /\d/.test(word) || word.length === 3 : word.length >= 4 && !stop.has(word),
      ),
    ),
  ];
}

/** The findings whose names, files or codes contain a word of the question. */
function relatedFindings(prompt: string, analysis: IntegrationAnalysis): string[] {
  const words = keywords(prompt);
  if (words.length === 0) return [];
  const matches = (...texts: Array<string | undefined>): boolean => {
    const haystack = texts.filter(Boolean).join(' ').toLowerCase();
    return words.some((word) => haystack.includes(word));
  };
  const lines: string[] = [];
  for (const type of analysis.messageTypes) {
    if (matches(type.code, type.description))
      lines.push(
        `- **${type.code}** (${type.description}): ${type.files.map((file) => `\`${file}\``).join(', ') || 'no files'}`,
      );
  }
  for (const endpoint of analysis.endpoints) {
    if (matches(endpoint.address, endpoint.name, endpoint.kind, ...endpoint.messageTypes))
      lines.push(
        `- Endpoint ${endpoint.direction} ${endpoint.kind.toUpperCase()} \`${endpoint.address}\`${endpoint.messageTypes.length ? ` carries ${endpoint.messageTypes.join(', ')}` : ''}`,
      );
  }
  for (const component of analysis.components) {
    if (matches(component.name, component.file, component.summary, ...component.messageTypes))
      lines.push(`- Component \`${component.file}\` (${component.roles.join(', ')}): ${component.summary}`);
  }
  return lines.slice(0, 30);
}

function answer(prompt: string, analysis: IntegrationAnalysis): string {
  const related = relatedFindings(prompt, analysis);
  const intro = [
    '> Answered by the **offline engine**: no AI model is connected, so this is a structured analysis of the code rather than a written answer to the question. Connect Claude (`ANTHROPIC_API_KEY`) for conversational answers.',
    '',
    related.length > 0 ? '## What relates to your question' : '## Your question',
    '',
    ...(related.length > 0
      ? related
      : ['Nothing in the analysis matches the words of the question directly; the full analysis follows.']),
    '',
  ];
  return `${intro.join('\n')}\n${analysis.markdown}`;
}
