import {
  RUN_EVENT_TYPES,
  type DecisionView,
  type EventEnvelope,
  type RunState,
  type StepState,
} from '@trustops/contracts';
import type { IconName } from '../core/icons';

/** How a state looks everywhere: words first, an icon beside them, and a tone that picks the colour. */
export type Tone = 'success' | 'failure' | 'active' | 'waiting' | 'neutral';

export interface StateView {
  text: string;
  icon: IconName;
  tone: Tone;
}

const STEP_STATE_VIEWS: Readonly<Record<StepState, StateView>> = {
  pending: { text: 'Not started', icon: 'status-unknown', tone: 'neutral' },
  queued: { text: 'Queued', icon: 'schedule', tone: 'neutral' },
  running: { text: 'Running', icon: 'run', tone: 'active' },
  waiting: { text: 'Waiting for a person', icon: 'approval', tone: 'waiting' },
  succeeded: { text: 'Done', icon: 'status-up', tone: 'success' },
  failed: { text: 'Failed', icon: 'status-down', tone: 'failure' },
  skipped: { text: 'Skipped', icon: 'arrow-forward', tone: 'neutral' },
  cancelled: { text: 'Cancelled', icon: 'denied', tone: 'neutral' },
};

/** Step types that wait for a person (the others that wait, such as `wait`, wait for a time). */
export const PERSON_STEP_TYPES: ReadonlySet<string> = new Set(['approval', 'input']);

const WAITING_FOR_TIME: StateView = { text: 'Waiting', icon: 'schedule', tone: 'neutral' };

/**
 * A run reads like its steps, except that a finished run "succeeded" where a step is "done". A
 * waiting run waits for a person unless `forPerson` says otherwise (a `wait` step's timer).
 */
export function describeRunState(state: RunState, forPerson = true): StateView {
  if (state === 'succeeded') return { ...STEP_STATE_VIEWS.succeeded, text: 'Succeeded' };
  return state === 'waiting' && !forPerson ? WAITING_FOR_TIME : STEP_STATE_VIEWS[state];
}

/** A step's state; a waiting step that does not ask a person is waiting for its time. */
export function describeStepState(state: StepState, type?: string): StateView {
  return state === 'waiting' && type !== undefined && !PERSON_STEP_TYPES.has(type)
    ? WAITING_FOR_TIME
    : STEP_STATE_VIEWS[state];
}

/** "10 s", "4 min", "1 h 5 min", "2 days 3 h": short, and rounded to what a person cares about. */
export function describeDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours === 0 ? `${days} days` : `${days} days ${restHours} h`;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  text: string;
  /** A second line with detail (an error, a comment, a log level), when there is one. */
  detail: string | null;
  icon: IconName;
  tone: Tone;
}

/**
 * Whether the plain-English timeline shows an event (the raw events show them all): a step
 * being queued is bookkeeping, and "the run is waiting" repeats the decision it waits for.
 */
export function showsOnTimeline(event: EventEnvelope): boolean {
  switch (event.type) {
    case RUN_EVENT_TYPES.stepQueued:
      return false;
    case RUN_EVENT_TYPES.runWaiting:
      return typeof event.payload['decisionId'] !== 'string';
    default:
      return true;
  }
}

/** Step id → the title people see on the timeline and the graph. */
export type StepTitles = Readonly<Record<string, string>>;

/**
 * One event of a run as a sentence a person reads on the timeline:
 * "Siobhan Murphy approved 'Approve the change'",
 * "Step 'Check the feed' failed: timed out — will retry in 10 s".
 */
export function describeRunEvent(event: EventEnvelope, steps: StepTitles = {}): TimelineEntry {
  const payload = event.payload;
  const step = `'${stepTitle(payload['stepId'], steps)}'`;
  const who = event.actor.type === 'person' ? event.actor.displayName : 'TrustOps';
  const entry = (text: string, icon: IconName, tone: Tone, detail: string | null = null): TimelineEntry => ({
    seq: event.seq,
    at: event.ts,
    text,
    detail,
    icon,
    tone,
  });
  const attempt = attemptSuffix(payload['attempt']);

  switch (event.type) {
    case RUN_EVENT_TYPES.runQueued: {
      const title = text(payload['title']);
      const version = typeof payload['version'] === 'number' ? ` (version ${payload['version']})` : '';
      const what = title ? `'${title}'${version}` : 'this run';
      return entry(
        event.actor.type === 'person' ? `${who} started ${what}` : `TrustOps queued ${what}`,
        'run',
        'neutral',
      );
    }
    case RUN_EVENT_TYPES.runStarted:
      return entry('The run began', 'run', 'active');
    case RUN_EVENT_TYPES.runWaiting:
      return entry(`The run is waiting for a person at step ${step}`, 'approval', 'waiting');
    case RUN_EVENT_TYPES.runSucceeded:
      return entry('The run finished successfully', 'status-up', 'success');
    case RUN_EVENT_TYPES.runFailed:
      return entry('The run failed', 'status-down', 'failure', text(payload['error']) || null);
    case RUN_EVENT_TYPES.runCancelled:
      return entry(
        event.actor.type === 'person' ? `${who} cancelled the run` : 'The run was cancelled',
        'denied',
        'neutral',
        text(payload['reason']) || null,
      );
    case RUN_EVENT_TYPES.stepQueued:
      return entry(`Step ${step} is queued${attempt}`, 'schedule', 'neutral');
    case RUN_EVENT_TYPES.stepStarted:
      return entry(`Step ${step} started${attempt}`, 'run', 'active');
    case RUN_EVENT_TYPES.stepSucceeded:
      return entry(`Step ${step} finished`, 'status-up', 'success');
    case RUN_EVENT_TYPES.stepFailed:
      return entry(
        `Step ${step} failed: ${text(payload['error']) || 'no reason given'} — ${retryPhrase(event)}`,
        'status-down',
        'failure',
      );
    case RUN_EVENT_TYPES.stepSkipped: {
      const reason = text(payload['reason']);
      return entry(`Step ${step} was skipped${reason ? `: ${reason}` : ''}`, 'arrow-forward', 'neutral');
    }
    case RUN_EVENT_TYPES.stepLog:
      return entry(
        text(payload['message']) || `Step ${step} wrote an empty note`,
        payload['level'] === 'error' || payload['level'] === 'warn' ? 'warning' : 'info',
        payload['level'] === 'error' ? 'failure' : 'neutral',
        `Noted by step ${step}`,
      );
    case RUN_EVENT_TYPES.stepDeadLettered: {
      const attempts = typeof payload['attempts'] === 'number' ? payload['attempts'] : undefined;
      return entry(
        `Step ${step} gave up${attempts ? ` after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}` : ''} and needs someone to retry it`,
        'warning',
        'failure',
        text(payload['error']) || null,
      );
    }
    case RUN_EVENT_TYPES.notification: {
      const title = text(payload['title']);
      const level = payload['level'];
      return entry(
        title ? `Step ${step} sent a notification: '${title}'` : `Step ${step} sent a notification`,
        level === 'info' ? 'info' : 'warning',
        level === 'urgent' ? 'failure' : level === 'warning' ? 'waiting' : 'neutral',
        text(payload['message']) || null,
      );
    }
    case RUN_EVENT_TYPES.decisionRequested:
      return describeDecisionRequested(event, asDecision(payload));
    case RUN_EVENT_TYPES.decisionUpdated:
      return describeDecisionUpdated(event, asDecision(payload));
    case RUN_EVENT_TYPES.decisionResolved:
      return describeDecisionResolved(event, asDecision(payload));
    case RUN_EVENT_TYPES.decisionEscalated:
      return entry(
        `Nobody has decided '${asDecision(payload).title}' in time: it has been escalated`,
        'warning',
        'failure',
      );
    default:
      return entry(
        event.actor.type === 'person' ? `${who}: ${humaniseName(event.type)}` : humaniseName(event.type),
        'info',
        'neutral',
      );
  }
}

function describeDecisionRequested(event: EventEnvelope, decision: DecisionView): TimelineEntry {
  const roles = decision.allowedRoles.length > 0 ? decision.allowedRoles.map(roleWord).join(' or ') : 'someone';
  const text =
    decision.kind === 'input'
      ? `Waiting for ${withArticle(roles)} to answer '${decision.title}'`
      : decision.policy === 'require_two'
        ? `Waiting for two different people to approve '${decision.title}'`
        : `Waiting for ${withArticle(roles)} to approve '${decision.title}'`;
  return { seq: event.seq, at: event.ts, text, detail: null, icon: 'approval', tone: 'waiting' };
}

function describeDecisionUpdated(event: EventEnvelope, decision: DecisionView): TimelineEntry {
  const base = { seq: event.seq, at: event.ts };
  const lastVote = decision.votes.at(-1);
  const lastComment = decision.comments.at(-1);
  const voteTime = lastVote ? Date.parse(lastVote.at) : -Infinity;
  const commentTime = lastComment ? Date.parse(lastComment.at) : -Infinity;
  if (lastComment && commentTime > voteTime) {
    return {
      ...base,
      text: `${lastComment.by.displayName} commented on '${decision.title}'`,
      detail: lastComment.text,
      icon: 'info',
      tone: 'neutral',
    };
  }
  if (lastVote) {
    const approvals = decision.votes.filter((vote) => vote.verdict === 'approve').length;
    const needed = decision.policy === 'require_two' ? 2 : 1;
    return {
      ...base,
      text: `${lastVote.by.displayName} ${lastVote.verdict === 'approve' ? 'approved' : 'rejected'} '${decision.title}' (${approvals} of ${needed} approvals)`,
      detail: lastVote.comment,
      icon: lastVote.verdict === 'approve' ? 'check' : 'close',
      tone: 'waiting',
    };
  }
  return { ...base, text: `'${decision.title}' was updated`, detail: null, icon: 'info', tone: 'neutral' };
}

function describeDecisionResolved(event: EventEnvelope, decision: DecisionView): TimelineEntry {
  const base = { seq: event.seq, at: event.ts };
  const lastVote = decision.votes.at(-1);
  const decider = event.actor.type === 'person' ? event.actor.displayName : lastVote?.by.displayName;
  switch (decision.state) {
    case 'approved':
      return {
        ...base,
        text:
          decision.kind === 'input'
            ? `${decider ?? 'Someone'} answered '${decision.title}'`
            : `${decider ?? 'Someone'} approved '${decision.title}'`,
        detail: lastVote?.comment ?? null,
        icon: 'check',
        tone: 'success',
      };
    case 'rejected':
      return {
        ...base,
        text: `${decider ?? 'Someone'} rejected '${decision.title}'`,
        detail: lastVote?.comment ?? null,
        icon: 'close',
        tone: 'failure',
      };
    case 'expired':
      return {
        ...base,
        text: `Nobody decided '${decision.title}' before its deadline`,
        detail: null,
        icon: 'schedule',
        tone: 'failure',
      };
    case 'cancelled':
      return { ...base, text: `'${decision.title}' was withdrawn`, detail: null, icon: 'denied', tone: 'neutral' };
    case 'pending':
      return { ...base, text: `'${decision.title}' is still open`, detail: null, icon: 'approval', tone: 'waiting' };
  }
}

/** "will retry in 10 s", or "no more attempts" on the last one. */
function retryPhrase(event: EventEnvelope): string {
  if (event.payload['willRetry'] !== true) {
    return 'no more attempts';
  }
  const next = event.payload['nextAttemptAt'];
  if (typeof next === 'string' && !Number.isNaN(Date.parse(next))) {
    return `will retry in ${describeDuration(Date.parse(next) - Date.parse(event.ts))}`;
  }
  return 'will retry';
}

function attemptSuffix(attempt: unknown): string {
  return typeof attempt === 'number' && attempt > 1 ? ` (attempt ${attempt})` : '';
}

function stepTitle(stepId: unknown, steps: StepTitles): string {
  const id = text(stepId);
  return steps[id] ?? (id || 'unknown step');
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function asDecision(payload: Record<string, unknown>): DecisionView {
  const decision = payload as Partial<DecisionView>;
  return {
    ...(decision as DecisionView),
    title: decision.title ?? 'a decision',
    allowedRoles: decision.allowedRoles ?? [],
    votes: decision.votes ?? [],
    comments: decision.comments ?? [],
  };
}

const ROLE_WORDS: Readonly<Record<string, string>> = {
  clinician: 'clinician',
  analyst: 'analyst',
  operator: 'operator',
  supervisor: 'supervisor',
  compliance: 'compliance officer',
  admin: 'administrator',
};

function roleWord(role: string): string {
  return ROLE_WORDS[role] ?? role;
}

function withArticle(noun: string): string {
  if (noun === 'someone') return noun;
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/** A value from a run's inputs or outputs as a person reads it: text as it is, yes/no, JSON for the rest. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value, null, 2);
}

/** `changeTicket` → "Change ticket", `sla_minutes` → "Sla minutes": a readable name when there is no label. */
export function humaniseName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
