/** Jobs of the `decision-deadlines` queue. */
export const DecisionDeadlineJob = {
  /** Delayed until a decision's SLA: expire it if still pending. */
  Expire: 'expire',
  /** Every SWEEP_INTERVAL_MS: expire overdue decisions a lost job missed, and re-deliver owed resumes. */
  Sweep: 'sweep',
} as const;

export type DecisionDeadlineJob = (typeof DecisionDeadlineJob)[keyof typeof DecisionDeadlineJob];

export interface ExpireDecisionJobData {
  tenantId: string;
  decisionId: string;
}

export const SWEEP_INTERVAL_MS = 15_000;

/** A resolved decision whose run has not heard of it after this long is re-delivered by the sweep. */
export const RESUME_GRACE_MS = 10_000;
