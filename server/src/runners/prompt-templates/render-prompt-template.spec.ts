import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { completeVariables, placeholdersOf, renderPromptTemplate } from './render-prompt-template.js';

describe('renderPromptTemplate', () => {
  const variables = [
    { name: 'feed', required: true },
    { name: 'format', required: false, default: 'a short report' },
  ];

  it('should fill placeholders with values and defaults', () => {
    const result = renderPromptTemplate('Explain the {{ feed }} feed as {{format}}.', variables, { feed: 'ADT' });
    assert.deepEqual(result, { rendered: 'Explain the ADT feed as a short report.', missing: [], unused: [] });
  });

  it('should report required variables without a value and values nobody uses', () => {
    const result = renderPromptTemplate('Explain the {{ feed }} feed.', variables, { colour: 'blue' });
    assert.deepEqual(result, { rendered: 'Explain the  feed.', missing: ['feed'], unused: ['colour'] });
  });

  it('should not expand placeholders that arrive inside a value', () => {
    const result = renderPromptTemplate('{{ feed }} / {{ format }}', variables, { feed: '{{ format }}', format: 'x' });
    assert.equal(result.rendered, '{{ format }} / x');
  });

  it('should treat undeclared placeholders as required variables', () => {
    assert.deepEqual(placeholdersOf('{{ a }} {{b}} {{ a }}'), ['a', 'b']);
    assert.deepEqual(completeVariables('{{ feed }} {{ ward }}', variables), [
      ...variables,
      { name: 'ward', required: true },
    ]);
  });
});
