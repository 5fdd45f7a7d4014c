import { eventStub } from '../../../testing/runs.stub';
import { transcriptOf } from './transcript-entries';

describe('transcriptOf', () => {
  it('should pair tool calls with their results and replace partial text with the whole message', () => {
    const entries = transcriptOf([
      { ...eventStub('agent.message', { role: 'user', text: 'What does the ADT feed do?' }), seq: 1 },
      { ...eventStub('agent.tool_call', { toolUseId: 't1', tool: 'read_file', input: { path: 'a.js' } }), seq: 2 },
      {
        ...eventStub('agent.tool_result', { toolUseId: 't1', tool: 'read_file', output: 'code', isError: false }),
        seq: 3,
      },
      { ...eventStub('agent.message_partial', { text: 'It ad' }), seq: 4 },
      { ...eventStub('agent.message_partial', { text: 'mits' }), seq: 5 },
      { ...eventStub('agent.message', { role: 'assistant', text: 'It admits **patients**.' }), seq: 6 },
      { ...eventStub('agent.usage', { inputTokens: 1 }), seq: 7 },
    ]);
    expect(entries.map((entry) => entry.kind)).toEqual(['message', 'tool', 'message']);
    expect(entries[1]).toMatchObject({ tool: 'read_file', output: 'code', isError: false });
    expect(entries[2]).toMatchObject({ role: 'assistant', text: 'It admits **patients**.', partial: false });
  });

  it('should show partial text while the answer is still being written', () => {
    const entries = transcriptOf([{ ...eventStub('agent.message_partial', { text: 'Reading' }), seq: 1 }]);
    expect(entries).toEqual([{ kind: 'message', seq: 1, role: 'assistant', text: 'Reading', partial: true }]);
  });
});
