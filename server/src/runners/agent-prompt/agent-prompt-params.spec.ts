import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paramProblems } from './agent-prompt.step-handler.js';

describe('paramProblems', () => {
  it('should accept templates before a run starts and check them once resolved', () => {
    const templated = {
      workspace: '{{ inputs.workspace }}',
      prompt: '{{ inputs.prompt }}',
      runner: '{{ inputs.runner }}',
      maxTurns: '{{ inputs.turns }}',
    };
    assert.deepEqual(paramProblems(templated, { checkTemplates: false }), []);
    assert.deepEqual(paramProblems({ ...templated, maxTurns: 'many' }, { checkTemplates: true }), [
      'runner must be claude or offline.',
      'maxTurns must be a whole number from 1 to 200.',
    ]);
  });

  it('should treat empty optional values as absent', () => {
    assert.deepEqual(
      paramProblems(
        { workspace: 'w', prompt: 'Why?', runner: '', session: '', maxTurns: '', maxTokens: null },
        { checkTemplates: true },
      ),
      [],
    );
  });

  it('should say what is missing or out of range in plain sentences', () => {
    assert.deepEqual(paramProblems({ prompt: ' ', maxTokens: 10 }, { checkTemplates: true }), [
      'agent.prompt needs `workspace`: the id of the workspace to work on.',
      'agent.prompt needs `prompt`: what to ask the agent.',
      'maxTokens must be a whole number of at least 1000.',
    ]);
  });
});
