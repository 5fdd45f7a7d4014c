import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictException, ForbiddenException } from '@nestjs/common';
import { assertMayVote, evaluateVotes, stepResultOf, type CountedVote, type DecisionRules } from './decision-rules.js';

const SUPERVISOR = {
  userId: 'sam',
  roles: ['supervisor'],
  permissions: new Set(['decisions:approve', 'decisions:read']),
};
const OTHER_SUPERVISOR = { userId: 'lee', roles: ['supervisor'], permissions: new Set(['decisions:approve']) };
const GATE: DecisionRules = {
  kind: 'approval',
  policy: 'require_two',
  allowedRoles: ['supervisor'],
  requestedById: 'olu',
};

function vote(userId: string, verdict: 'approve' | 'reject', comment: string | null = null): CountedVote {
  return { userId, userName: userId.toUpperCase(), verdict, comment };
}

describe('decision rules', () => {
  describe(assertMayVote.name, () => {
    it('should let an allowed supervisor approve', () => {
      assert.doesNotThrow(() => assertMayVote(GATE, SUPERVISOR, 'approve', []));
    });

    it('should refuse the person who started the run (separation of duties)', () => {
      const starter = { ...SUPERVISOR, userId: 'olu' };
      assert.throws(
        () => assertMayVote(GATE, starter, 'approve', []),
        (error: unknown) => error instanceof ForbiddenException && /Separation of duties/.test(error.message),
      );
    });

    it('should refuse the same person twice, saying a second person is needed', () => {
      assert.throws(
        () => assertMayVote(GATE, SUPERVISOR, 'approve', [vote('sam', 'approve')]),
        (error: unknown) =>
          error instanceof ConflictException && /already approved.*different person/.test(error.message),
      );
    });

    it('should refuse someone without an allowed role or without the permission', () => {
      const operator = { userId: 'kim', roles: ['operator'], permissions: new Set(['decisions:approve']) };
      assert.throws(() => assertMayVote(GATE, operator, 'approve', []), /Only someone with the role supervisor/);
      const clerk = { userId: 'kim', roles: ['supervisor'], permissions: new Set<string>() };
      assert.throws(
        () => assertMayVote(GATE, clerk, 'reject', []),
        /permission to approve or reject decisions \(decisions:approve\)/,
      );
      assert.throws(
        () => assertMayVote({ ...GATE, kind: 'input' }, SUPERVISOR, 'approve', []),
        /permission to answer requests for input \(decisions:provide-input\)/,
      );
    });

    it('should let the requester answer an input request', () => {
      const requester = { userId: 'olu', roles: ['operator'], permissions: new Set(['decisions:provide-input']) };
      assert.doesNotThrow(() =>
        assertMayVote(
          { kind: 'input', policy: 'require_one', allowedRoles: [], requestedById: 'olu' },
          requester,
          'approve',
          [],
        ),
      );
    });
  });

  describe(evaluateVotes.name, () => {
    it('should need two different approvers for require_two', () => {
      assert.equal(evaluateVotes('require_two', [vote('sam', 'approve')]), 'pending');
      assert.equal(evaluateVotes('require_two', [vote('sam', 'approve'), vote('lee', 'approve')]), 'approved');
    });

    it('should reject on any reject, and approve auto at once', () => {
      assert.equal(evaluateVotes('require_two', [vote('sam', 'approve'), vote('lee', 'reject')]), 'rejected');
      assert.equal(evaluateVotes('auto', []), 'approved');
      assert.equal(evaluateVotes('require_one', []), 'pending');
      assert.equal(evaluateVotes('require_one', [vote(OTHER_SUPERVISOR.userId, 'approve')]), 'approved');
    });
  });

  describe(stepResultOf.name, () => {
    const base = { onTimeout: 'fail' as const, dueAt: new Date('2026-12-02T10:00:00Z'), response: null };

    it('should give the approvers and the response to the next steps', () => {
      assert.deepEqual(
        stepResultOf({ ...base, state: 'approved', response: { code: '1' } }, [
          vote('sam', 'approve'),
          vote('lee', 'approve'),
        ]),
        {
          status: 'succeeded',
          output: { approved: true, approvers: ['SAM', 'LEE'], response: { code: '1' } },
        },
      );
    });

    it('should fail a rejected step naming who rejected it and why', () => {
      assert.deepEqual(
        stepResultOf({ ...base, state: 'rejected' }, [vote('sam', 'reject', 'Not during the ward round')]),
        {
          status: 'failed',
          error: 'Rejected by SAM: "Not during the ward round".',
        },
      );
    });

    it('should follow the timeout policy when the SLA passed', () => {
      assert.equal(stepResultOf({ ...base, state: 'expired' }, [])?.status, 'failed');
      assert.deepEqual(stepResultOf({ ...base, state: 'expired', onTimeout: 'continue' }, []), {
        status: 'succeeded',
        output: { approved: false, expired: true, approvers: [], response: {} },
      });
      assert.equal(stepResultOf({ ...base, state: 'pending' }, []), null);
    });
  });
});
