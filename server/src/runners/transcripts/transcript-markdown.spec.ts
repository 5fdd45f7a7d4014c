import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventEnvelope } from '@trustops/contracts';
import { transcriptMarkdown } from './transcript-markdown.js';

function event(seq: number, type: string, payload: Record<string, unknown>): EventEnvelope {
  return {
    id: String(seq),
    seq,
    type,
    tenantId: 't',
    runId: 'r',
    actor: { type: 'system', userId: null, displayName: 'TrustOps' },
    source: 'runs',
    ts: '2026-12-02T10:00:00.000Z',
    payload,
  };
}

describe('transcriptMarkdown', () => {
  it('should write questions, tool calls, results and answers in order with the totals', () => {
    const markdown = transcriptMarkdown(
      { title: 'Ask: agent transcript', runId: 'run-1', exportedAt: new Date('2026-12-02T10:30:00Z') },
      [
        event(1, 'agent.message', { role: 'user', text: 'What does the ADT feed do?\nBriefly.' }),
        event(2, 'agent.usage', {
          model: 'claude-sonnet-5-5',
          inputTokens: 100,
          outputTokens: 10,
          cacheReadInputTokens: 0,
          cacheCreationInputTokens: 0,
          costUsd: 0.0003,
        }),
        event(3, 'agent.tool_call', { tool: 'read_file', input: { path: 'a.js' } }),
        event(4, 'agent.tool_result', { tool: 'read_file', output: 'has ``` fences', isError: false }),
        event(5, 'agent.usage', {
          model: 'claude-sonnet-5-5',
          inputTokens: 200,
          outputTokens: 20,
          cacheReadInputTokens: 0,
          cacheCreationInputTokens: 0,
          costUsd: 0.0006,
        }),
        event(6, 'agent.message', { role: 'assistant', text: 'It admits patients.' }),
        event(7, 'step.log', { message: 'not part of the transcript' }),
      ],
    );
    assert.equal(
      markdown,
      [
        '# Ask: agent transcript',
        '',
        'Run `run-1` · exported 2026-12-02 10:30 UTC',
        '',
        '## Question',
        '',
        '> What does the ADT feed do?',
        '> Briefly.',
        '',
        '### Tool call: `read_file`',
        '',
        '```json',
        '{\n  "path": "a.js"\n}',
        '```',
        '',
        '#### Result of `read_file`',
        '',
        '````',
        'has ``` fences',
        '````',
        '',
        '## Answer',
        '',
        'It admits patients.',
        '',
        '---',
        '',
        'Model: claude-sonnet-5-5 · 300 input tokens · 30 output tokens · cost $0.0009',
        '',
      ].join('\n'),
    );
  });

  it('should say the cost is unknown when a turn had no price', () => {
    const markdown = transcriptMarkdown({ title: 'T', runId: 'r', exportedAt: new Date() }, [
      event(1, 'agent.usage', { model: 'claude-new', inputTokens: 1, outputTokens: 1, costUsd: null }),
    ]);
    assert.match(markdown, /cost unknown/);
  });
});
