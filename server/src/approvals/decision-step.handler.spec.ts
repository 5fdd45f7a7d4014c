import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DecisionRequests } from './decision-requests.service.js';
import { DecisionStepHandler } from './decision-step.handler.js';

// validate() never touches the requests service.
const NO_REQUESTS = {} as DecisionRequests;

describe(DecisionStepHandler.name, () => {
  it('should accept an approval with a question and context, and no form', () => {
    const handler = new DecisionStepHandler('approval', NO_REQUESTS);
    assert.deepEqual(handler.validate({ question: 'Restart prod-web-03?', context: '**Risk**: low' }), []);
  });

  it('should need a form for an input step', () => {
    const handler = new DecisionStepHandler('input', NO_REQUESTS);
    assert.deepEqual(handler.validate({}), ['An input step needs with.fields: the form the person fills in.']);
    assert.deepEqual(handler.validate({ fields: [{ name: 'code', label: 'MFA code', pattern: '\\d{6}' }] }), []);
  });

  it('should say what is wrong with the parameters', () => {
    const handler = new DecisionStepHandler('approval', NO_REQUESTS);
    assert.deepEqual(handler.validate({ title: 42, fields: 'code' }), [
      'with.title must be text.',
      'with.fields must be a list of form fields, each with at least a name.',
    ]);
    assert.deepEqual(handler.validate({ question: 'x'.repeat(501) }), ['with.title must be at most 500 characters.']);
  });
});
