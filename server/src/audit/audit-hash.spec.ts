import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { auditChainText, auditContentJson, auditHash, type AuditContentSource } from './audit-hash.js';
import { canonicalJson } from './canonical-json.js';

const content: AuditContentSource = {
  id: '6f1c8a52-4d0e-4f43-9b5e-2f5d0c7e9a10',
  tenantId: '0b7e2c4a-1f3d-4e5b-8a9c-7d6e5f4a3b21',
  occurredAt: new Date('2026-11-23T10:00:00.000Z'),
  actorType: 'person',
  actorUserId: 'user-1',
  actorDisplayName: 'Dr Ada Admin',
  actorRole: 'admin',
  actorIp: '10.0.0.8',
  actorUserAgent: 'Mozilla/5.0',
  action: 'role.granted',
  resourceType: 'role-assignment',
  resourceId: 'user-2',
  outcome: 'success',
  reason: null,
  requestId: 'req-1',
  before: null,
  after: { role: 'supervisor' },
};

describe(auditHash.name, () => {
  it('should hash the canonical JSON of content, previous hash and sequence', () => {
    const contentJson = auditContentJson(content);
    const previousHash = 'a'.repeat(64);
    const expected = createHash('sha256')
      .update(canonicalJson({ sequence: 7, previousHash, content: JSON.parse(contentJson) as unknown }))
      .digest('hex');
    assert.equal(auditHash(contentJson, previousHash, 7), expected);
    assert.match(expected, /^[0-9a-f]{64}$/);
  });

  it('should build the chain text exactly as canonicalJson would, also for the first record', () => {
    const contentJson = auditContentJson(content);
    for (const previousHash of [null, 'b'.repeat(64)]) {
      assert.equal(
        auditChainText(contentJson, previousHash, 1),
        canonicalJson({ content: JSON.parse(contentJson) as unknown, previousHash, sequence: 1 }),
      );
    }
  });

  it('should change when any field, the previous hash or the sequence changes', () => {
    const original = auditHash(auditContentJson(content), null, 1);
    assert.notEqual(auditHash(auditContentJson({ ...content, actorRole: 'clinician' }), null, 1), original);
    assert.notEqual(auditHash(auditContentJson({ ...content, after: { role: 'admin' } }), null, 1), original);
    assert.notEqual(
      auditHash(auditContentJson({ ...content, occurredAt: new Date('2026-11-23T10:00:00.001Z') }), null, 1),
      original,
    );
    assert.notEqual(auditHash(auditContentJson(content), 'c'.repeat(64), 1), original);
    assert.notEqual(auditHash(auditContentJson(content), null, 2), original);
  });

  it('should not depend on key order inside the summaries', () => {
    const one = auditContentJson({ ...content, after: { a: 1, b: { c: 2, d: 3 } } });
    const two = auditContentJson({ ...content, after: { b: { d: 3, c: 2 }, a: 1 } });
    assert.equal(one, two);
  });

  it('should keep every content key, null when empty', () => {
    const parsed = JSON.parse(auditContentJson({ ...content, actorIp: null, resourceId: null })) as Record<
      string,
      unknown
    >;
    assert.deepEqual(Object.keys(parsed), [
      'action',
      'actor',
      'after',
      'before',
      'id',
      'occurredAt',
      'outcome',
      'reason',
      'requestId',
      'resource',
      'tenantId',
    ]);
    assert.deepEqual(parsed['resource'], { id: null, type: 'role-assignment' });
  });
});
