import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson } from './canonical-json.js';

describe(canonicalJson.name, () => {
  it('should sort keys at every depth, whatever order they were written in', () => {
    const first = canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } });
    const second = canonicalJson({ a: { c: 'x', d: [3, { y: null, z: true }] }, b: 1 });
    assert.equal(first, '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    assert.equal(second, first);
  });

  it('should sort keys by UTF-16 code units, not by locale', () => {
    assert.equal(canonicalJson({ b: 1, B: 2, a: 3, é: 4, '10': 5, '9': 6 }), '{"10":5,"9":6,"B":2,"a":3,"b":1,"é":4}');
  });

  it('should write dates as ISO-8601 UTC', () => {
    const date = new Date('2026-11-23T01:35:00.120+01:00');
    assert.equal(canonicalJson({ at: date }), '{"at":"2026-11-23T00:35:00.120Z"}');
  });

  it('should leave out undefined properties and keep nulls', () => {
    assert.equal(canonicalJson({ a: undefined, b: null }), '{"b":null}');
  });

  it('should escape strings and write numbers as JSON does', () => {
    assert.equal(canonicalJson(['"quoted"\n', 1e21, 0.1, -0, 5]), '["\\"quoted\\"\\n",1e+21,0.1,0,5]');
  });

  it('should refuse values that JSON cannot carry faithfully', () => {
    assert.throws(() => canonicalJson({ a: Number.NaN }), /NaN at \$\.a has no JSON form/);
    assert.throws(() => canonicalJson([undefined]), /undefined at \$\[0\]/);
    assert.throws(() => canonicalJson({ n: 10n }), /bigint at \$\.n/);
    assert.throws(() => canonicalJson({ when: new Date('nope') }), /invalid date at \$\.when/);
  });

  it('should give the same text for a value and its JSON round trip', () => {
    const value = { id: 'x', nested: { list: [1, 'two', { three: 3 }], at: '2026-01-01T00:00:00.000Z' } };
    assert.equal(canonicalJson(JSON.parse(JSON.stringify(value))), canonicalJson(value));
  });
});
