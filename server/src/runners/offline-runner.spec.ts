import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findRepositoryRoot } from '../platform/app-info.js';
import { OfflineRunner } from './offline-runner.js';
import type { RunnerEvent } from './runner.js';

describe(OfflineRunner.name, () => {
  it('should answer from the analysis of the fixture TIE, pointing at what the question names', async () => {
    const events: RunnerEvent[] = [];
    const result = await new OfflineRunner().run({
      workspace: { root: join(findRepositoryRoot(), 'fixtures', 'tie'), allowWrite: false, allowBash: false },
      prompt: 'What happens to an ORU^R01 lab result?',
      history: [],
      budgets: { maxTurns: 1, maxTokens: 1_000 },
      signal: new AbortController().signal,
      emit: (event) => {
        events.push(event);
        return Promise.resolve();
      },
    });
    assert.equal(result.runner, 'offline');
    assert.equal(result.stopReason, 'completed');
    assert.equal(result.usage.costUsd, 0);
    assert.match(result.text, /^> Answered by the \*\*offline engine\*\*/);
    const related = result.text.slice(
      result.text.indexOf('## What relates to your question'),
      result.text.indexOf('\n\n#', result.text.indexOf('## What relates') + 5),
    );
    assert.match(related, /\*\*ORU\^R01\*\*/);
    assert.match(result.text, /```mermaid/);
    assert.deepEqual(
      events.map((event) => event.type),
      ['agent.message', 'agent.tool_call', 'agent.tool_result', 'agent.usage', 'agent.message'],
    );
    const toolResult = events[2];
    assert.ok(toolResult?.type === 'agent.tool_result');
    assert.match(toolResult.output, /^Read \d+ of \d+ files/);
  });
});
