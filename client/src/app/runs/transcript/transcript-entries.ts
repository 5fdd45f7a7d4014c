import { AGENT_EVENT_TYPES, type EventEnvelope } from '@trustops/contracts';

/** One entry of an agent's transcript, as people read it. */
export type TranscriptEntry =
  | { kind: 'message'; seq: number; role: 'user' | 'assistant'; text: string; partial: boolean }
  | {
      kind: 'tool';
      seq: number;
      toolUseId: string;
      tool: string;
      input: unknown;
      output: string | null;
      isError: boolean;
    };

/** Plain-English names of the tools, for people who do not read code. */
export const TOOL_LABELS: Record<string, string> = {
  analyse_workspace: 'Analysed the whole codebase',
  list_files: 'Listed files',
  read_file: 'Read a file',
  search: 'Searched the code',
  write_file: 'Changed a file',
  bash: 'Ran a command',
};

/**
 * The run's `agent.*` events folded into a transcript: messages in order (partial text while an
 * answer is being written, replaced by the whole message), each tool call with its result.
 */
export function transcriptOf(events: readonly EventEnvelope[]): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  const tools = new Map<string, Extract<TranscriptEntry, { kind: 'tool' }>>();
  let partial: Extract<TranscriptEntry, { kind: 'message' }> | undefined;
  for (const event of events) {
    const payload = event.payload;
    switch (event.type) {
      case AGENT_EVENT_TYPES.messagePartial: {
        if (!partial) {
          partial = { kind: 'message', seq: event.seq, role: 'assistant', text: '', partial: true };
          entries.push(partial);
        }
        partial.text += typeof payload['text'] === 'string' ? payload['text'] : '';
        break;
      }
      case AGENT_EVENT_TYPES.message: {
        const message: TranscriptEntry = {
          kind: 'message',
          seq: event.seq,
          role: payload['role'] === 'user' ? 'user' : 'assistant',
          text: typeof payload['text'] === 'string' ? payload['text'] : '',
          partial: false,
        };
        if (partial && message.role === 'assistant') {
          entries.splice(entries.indexOf(partial), 1, message);
          partial = undefined;
        } else entries.push(message);
        break;
      }
      case AGENT_EVENT_TYPES.toolCall: {
        const toolUseId = textOf(payload['toolUseId'], String(event.seq));
        const entry: Extract<TranscriptEntry, { kind: 'tool' }> = {
          kind: 'tool',
          seq: event.seq,
          toolUseId,
          tool: textOf(payload['tool'], 'tool'),
          input: payload['input'],
          output: null,
          isError: false,
        };
        tools.set(toolUseId, entry);
        entries.push(entry);
        break;
      }
      case AGENT_EVENT_TYPES.toolResult: {
        const entry = tools.get(textOf(payload['toolUseId'], ''));
        const output =
          typeof payload['output'] === 'string' ? payload['output'] : JSON.stringify(payload['output'], null, 2);
        if (entry) {
          entry.output = output;
          entry.isError = payload['isError'] === true;
        }
        break;
      }
      default:
        break;
    }
  }
  return entries;
}

function textOf(value: unknown, fallback: string): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}
