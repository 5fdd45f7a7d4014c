import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lifecycleProgress, transition } from './document-lifecycle.js';
import { contentSha256, signatureCovers } from './document-signature.js';

describe('document lifecycle', () => {
  it('should go Draft → Review → Approve → Implement → Verify', () => {
    assert.deepEqual(transition('draft', 'submit'), { ok: true, to: 'review' });
    assert.deepEqual(transition('review', 'approve'), { ok: true, to: 'approved' });
    assert.deepEqual(transition('approved', 'implement'), { ok: true, to: 'implemented' });
    assert.deepEqual(transition('implemented', 'request-verification'), { ok: true, to: 'verification' });
    assert.deepEqual(transition('verification', 'verify'), { ok: true, to: 'verified' });
    assert.equal(lifecycleProgress('verified'), 5);
  });

  it('should send a rejected review back to draft and a rejected verification back to implemented', () => {
    assert.deepEqual(transition('review', 'reject'), { ok: true, to: 'draft' });
    assert.deepEqual(transition('verification', 'reject'), { ok: true, to: 'implemented' });
  });

  it('should refuse skipping a stage with a plain sentence', () => {
    const skipped = transition('draft', 'implement');
    assert.equal(skipped.ok, false);
    assert.match(skipped.ok ? '' : skipped.message, /a draft cannot be marked as implemented/);
    assert.equal(transition('draft', 'approve').ok, false);
    assert.equal(transition('approved', 'submit').ok, false);
  });

  it('should refuse edits while a decision is pending and send approved documents back to draft', () => {
    assert.equal(transition('review', 'edit').ok, false);
    assert.equal(transition('verification', 'edit').ok, false);
    assert.deepEqual(transition('approved', 'edit'), { ok: true, to: 'draft' });
    assert.deepEqual(transition('verified', 'edit'), { ok: true, to: 'draft' });
  });
});

describe('document signature', () => {
  it('should be the SHA-256 of the UTF-8 content', () => {
    // echo -n 'abc' | sha256sum
    assert.equal(contentSha256('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.notEqual(contentSha256('Dr O’Brien'), contentSha256("Dr O'Brien"));
  });

  it('should cover only the exact content approved', () => {
    const content = '# Impact assessment\n\nPID-3 changes.';
    const signature = {
      stage: 'review' as const,
      contentSha256: contentSha256(content),
      approver: { userId: null, displayName: 'Siobhan Murphy' },
      approvedAt: new Date(0).toISOString(),
      decisionId: null,
      runId: 'r',
    };
    assert.equal(signatureCovers([signature], content), true);
    assert.equal(signatureCovers([signature], `${content} `), false);
    assert.equal(signatureCovers([], content), false);
  });
});
