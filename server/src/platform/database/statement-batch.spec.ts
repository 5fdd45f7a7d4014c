import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeLiteral } from 'pg';
import { inlineParameters, quoted } from './statement-batch.js';

describe(inlineParameters.name, () => {
  it('should write each kind of value as a literal, keeping casts and telling $1 from $10', () => {
    const parameters: unknown[] = [
      "O'Brien \\ ward",
      null,
      7,
      true,
      new Date('2026-12-02T10:00:00.000Z'),
      { note: "it's" },
      undefined,
      false,
      2.5,
      'ten',
    ];
    assert.equal(
      inlineParameters('SELECT $1, $2, $3::int, $4, $5::timestamptz, $6::jsonb, $7, $8, $9, $10', parameters),
      `SELECT  E'O''Brien \\\\ ward', NULL, 7::int, TRUE, '2026-12-02T10:00:00.000Z'::timestamptz, '{"note":"it''s"}'::jsonb, NULL, FALSE, 2.5, 'ten'`,
    );
  });

  it('should refuse a placeholder without a parameter and a number SQL cannot hold', () => {
    assert.throws(() => inlineParameters('SELECT $1, $2', ['a']), /uses \$2 but only 1 parameter/);
    assert.throws(() => inlineParameters('SELECT $1', [Number.NaN]), /NaN cannot be written/);
  });
});

describe(quoted.name, () => {
  it("should write exactly what pg's escapeLiteral writes", () => {
    const samples = [
      '',
      'plain',
      "O'Brien",
      "''",
      '\\',
      "a\\'b",
      '{"path":"C:\\\\temp","note":"it\'s"}',
      'ünïcödé ✓',
      '$1 $$',
    ];
    for (const sample of samples) assert.equal(quoted(sample), escapeLiteral(sample), sample);
  });
});
