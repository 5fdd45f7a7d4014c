import type { Permission } from '@trustops/contracts';
import { decisionStub } from '../../testing/runs.stub';
import {
  byUrgency,
  describeDue,
  describePolicy,
  formAsInputs,
  whyCannotApprove,
  whyCannotDecide,
  type Decider,
} from './decision-text';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const at = (minutes: number): string => new Date(NOW + minutes * 60_000).toISOString();

function decider(roles: string[], permissions: Permission[], userId = 'user-sup'): Decider {
  return { userId, roles, can: (permission) => permissions.includes(permission) };
}
const SUPERVISOR = decider(['supervisor'], ['decisions:read', 'decisions:approve']);

describe('describeDue', () => {
  it('should count down in whole minutes, never promising more time than is left', () => {
    expect(describeDue(at(42.9), NOW)).toEqual({ text: 'Due in 42 min', overdue: false, soon: false });
    expect(describeDue(at(10), NOW)).toEqual({ text: 'Due in 10 min', overdue: false, soon: true });
    expect(describeDue(at(0.5), NOW)?.text).toBe('Due in less than a minute');
    expect(describeDue(at(65), NOW)?.text).toBe('Due in 1 h 5 min');
    expect(describeDue(at(60 * 24 * 3), NOW)?.text).toBe('Due in 3 days');
  });

  it('should say how long a decision has been overdue', () => {
    expect(describeDue(at(-5), NOW)).toEqual({ text: 'Overdue by 5 min', overdue: true, soon: false });
    expect(describeDue(at(0), NOW)?.overdue).toBe(true);
  });

  it('should say nothing without a deadline', () => {
    expect(describeDue(null, NOW)).toBeUndefined();
  });
});

describe('describePolicy', () => {
  it('should say how many approvals are needed, and from whom', () => {
    expect(describePolicy(decisionStub({ allowedRoles: ['supervisor'] }))).toBe('Needs one approval from a Supervisor');
    expect(
      describePolicy(
        decisionStub({
          policy: 'require_two',
          votes: [{ by: { userId: 'a', displayName: 'A' }, verdict: 'approve', comment: null, at: at(0) }],
        }),
      ),
    ).toBe('Needs two different people to approve: 1 of 2 so far');
    expect(describePolicy(decisionStub({ kind: 'input' }))).toBe('Needs an answer');
  });
});

describe('whyCannotDecide and whyCannotApprove', () => {
  it('should let a supervisor decide a supervisors-only approval', () => {
    const decision = decisionStub({ allowedRoles: ['supervisor'] });
    expect(whyCannotDecide(decision, SUPERVISOR)).toBeUndefined();
    expect(whyCannotApprove(decision, SUPERVISOR)).toBeUndefined();
  });

  it('should tell the person who started the run that someone else must approve it', () => {
    const operator = decider(['supervisor'], ['decisions:approve'], 'user-op');
    expect(whyCannotApprove(decisionStub(), operator)).toBe('You started this run, so someone else must approve it.');
    // They may still answer a question their own run asks.
    expect(whyCannotApprove(decisionStub({ kind: 'input' }), operator)).toBeUndefined();
  });

  it('should explain a missing role or permission, and a vote already cast', () => {
    const operator = decider(['operator'], ['decisions:read', 'decisions:provide-input'], 'user-2');
    expect(whyCannotDecide(decisionStub(), operator)).toContain(
      'approving or rejecting needs a role such as Supervisor',
    );
    expect(whyCannotDecide(decisionStub({ allowedRoles: ['admin'] }), SUPERVISOR)).toBe(
      'Only an Administrator can decide this.',
    );
    const voted = decisionStub({
      policy: 'require_two',
      votes: [
        { by: { userId: 'user-sup', displayName: 'Siobhan Murphy' }, verdict: 'approve', comment: null, at: at(0) },
      ],
    });
    expect(whyCannotDecide(voted, SUPERVISOR)).toBe(
      'You have approved this. A second, different person must approve it too.',
    );
  });
});

describe('formAsInputs', () => {
  it('should turn a decision form into runbook inputs', () => {
    expect(
      formAsInputs([
        { name: 'code', label: 'Security code', type: 'string', required: true, pattern: '^[0-9]{6}$' },
        { name: 'site', label: 'Site', type: 'enum', required: false, options: ['North', 'South'] },
      ]),
    ).toEqual([
      { name: 'code', label: 'Security code', type: 'string', required: true, pattern: '^[0-9]{6}$' },
      {
        name: 'site',
        label: 'Site',
        type: 'enum',
        required: false,
        options: [
          { value: 'North', label: 'North' },
          { value: 'South', label: 'South' },
        ],
      },
    ]);
  });
});

describe('byUrgency', () => {
  it('should put the nearest deadline first and decisions without one last', () => {
    const none = decisionStub({ id: 'none' });
    const later = decisionStub({ id: 'later', dueAt: at(60) });
    const sooner = decisionStub({ id: 'sooner', dueAt: at(5) });
    expect([none, later, sooner].sort(byUrgency).map((decision) => decision.id)).toEqual(['sooner', 'later', 'none']);
  });
});
