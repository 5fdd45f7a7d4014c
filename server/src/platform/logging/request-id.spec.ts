import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseRequestId } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe(chooseRequestId.name, () => {
  it('should honour a sane incoming id', () => {
    assert.equal(chooseRequestId('abc-123'), 'abc-123');
    assert.equal(chooseRequestId('1-67891233-abcdef0123456789'), '1-67891233-abcdef0123456789');
    assert.equal(chooseRequestId('0f8fad5b-d9cb-469f-a165-70867728950e'), '0f8fad5b-d9cb-469f-a165-70867728950e');
  });

  it('should take the first of repeated headers', () => {
    assert.equal(chooseRequestId(['first', 'second']), 'first');
  });

  it('should make a UUID when there is none', () => {
    assert.match(chooseRequestId(undefined), UUID);
    assert.match(chooseRequestId(''), UUID);
  });

  it('should refuse ids that could forge log lines or headers', () => {
    for (const hostile of ['a b', 'line\nbreak', 'x'.repeat(129), '<script>', 'id;drop', 'naïve', '{"json":1}']) {
      const chosen = chooseRequestId(hostile);
      assert.notEqual(chosen, hostile);
      assert.match(chosen, UUID);
    }
  });

  it('should make a different id each time', () => {
    assert.notEqual(chooseRequestId(undefined), chooseRequestId(undefined));
  });
});
