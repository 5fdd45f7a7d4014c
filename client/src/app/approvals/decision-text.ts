import type { DecisionFormField, DecisionView, Permission } from '@trustops/contracts';
import type { RunbookInput } from '@trustops/runbook';
import { roleLabel, type SessionService } from '../core/session.service';

export interface DueView {
  /** "Due in 42 min", "Overdue by 5 min". */
  text: string;
  overdue: boolean;
  /** Less than a quarter of an hour left. */
  soon: boolean;
}

const MINUTE = 60_000;

/** The SLA countdown for a deadline at `now`; undefined when the decision has no deadline. */
export function describeDue(dueAt: string | null, now: number): DueView | undefined {
  if (dueAt === null) return undefined;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return undefined;
  const left = due - now;
  if (left <= 0) {
    return { text: `Overdue by ${describeWait(-left)}`, overdue: true, soon: false };
  }
  return {
    text: left < MINUTE ? 'Due in less than a minute' : `Due in ${describeWait(left)}`,
    overdue: false,
    soon: left < 15 * MINUTE,
  };
}

/** Whole minutes, hours and days, rounded down: a countdown must never promise more time than is left. */
function describeWait(milliseconds: number): string {
  const minutes = Math.max(1, Math.floor(milliseconds / MINUTE));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.floor(hours / 24);
  return `${days} days`;
}

/** "Needs one approval from a Supervisor", "Needs two different people to approve: 1 so far". */
export function describePolicy(decision: DecisionView): string {
  const who =
    decision.allowedRoles.length > 0
      ? ` from ${joinWithOr(decision.allowedRoles.map((role) => withArticle(roleLabel(role))))}`
      : '';
  if (decision.kind === 'input') {
    return `Needs an answer${who}`;
  }
  switch (decision.policy) {
    case 'auto':
      return 'Approved automatically';
    case 'require_one':
      return `Needs one approval${who}`;
    case 'require_two': {
      const approvals = decision.votes.filter((vote) => vote.verdict === 'approve').length;
      return `Needs two different people to approve${who}: ${approvals} of 2 so far`;
    }
  }
}

/** Who is deciding, as the server will see them: for the reasons they cannot. */
export interface Decider {
  userId: string | undefined;
  roles: readonly string[];
  can: (permission: Permission) => boolean;
}

/** The signed-in person as a decider (read inside a `computed` so that it follows the session). */
export function currentDecider(session: SessionService): Decider {
  return {
    userId: session.current()?.user.id,
    roles: session.current()?.roles ?? [],
    can: (permission) => session.can(permission),
  };
}

/**
 * Why this person cannot decide, in plain English, before they try (the server checks the same
 * rules and has the last word); undefined when they can.
 */
export function whyCannotDecide(decision: DecisionView, decider: Decider): string | undefined {
  if (decision.kind === 'approval' && !decider.can('decisions:approve')) {
    return 'You can see this request, but approving or rejecting needs a role such as Supervisor.';
  }
  if (decision.kind === 'input' && !decider.can('decisions:provide-input')) {
    return 'You can see this request, but answering it needs a role such as Operator.';
  }
  if (decision.allowedRoles.length > 0 && !decision.allowedRoles.some((role) => decider.roles.includes(role))) {
    return `Only ${joinWithOr(decision.allowedRoles.map((role) => withArticle(roleLabel(role))))} can decide this.`;
  }
  const myVote = decision.votes.find((vote) => vote.by.userId !== null && vote.by.userId === decider.userId);
  if (myVote) {
    return decision.policy === 'require_two'
      ? `You have ${myVote.verdict === 'approve' ? 'approved' : 'rejected'} this. A second, different person must approve it too.`
      : `You have already ${myVote.verdict === 'approve' ? 'approved' : 'rejected'} this.`;
  }
  return undefined;
}

/** Separation of duties: the person who started the run may reject, or answer a question, but not approve. */
export function whyCannotApprove(decision: DecisionView, decider: Decider): string | undefined {
  if (
    decision.kind === 'approval' &&
    decision.requestedBy.userId !== null &&
    decision.requestedBy.userId === decider.userId
  ) {
    return 'You started this run, so someone else must approve it.';
  }
  return undefined;
}

/** A decision's form as runbook inputs, so the same form component (and the same checks) serve both. */
export function formAsInputs(form: readonly DecisionFormField[]): RunbookInput[] {
  return form.map((field) => ({
    name: field.name,
    label: field.label,
    type: field.type,
    required: field.required,
    ...(field.help ? { help: field.help } : {}),
    ...(field.pattern ? { pattern: field.pattern } : {}),
    ...(field.options ? { options: field.options.map((option) => ({ value: option, label: option })) } : {}),
  }));
}

/** Pending decisions, the most urgent first: by deadline (none last), then the oldest request. */
export function byUrgency(a: DecisionView, b: DecisionView): number {
  const dueA = a.dueAt ? Date.parse(a.dueAt) : Number.POSITIVE_INFINITY;
  const dueB = b.dueAt ? Date.parse(b.dueAt) : Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  return Date.parse(a.requestedAt) - Date.parse(b.requestedAt);
}

function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

function joinWithOr(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
