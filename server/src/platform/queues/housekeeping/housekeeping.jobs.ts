/** Jobs of the `platform-housekeeping` queue. */
export const HousekeepingJob = {
  TrimFinishedJobs: 'trim-finished-jobs',
} as const;

export type HousekeepingJob = (typeof HousekeepingJob)[keyof typeof HousekeepingJob];

/** How long finished jobs stay in Redis (PostgreSQL keeps the durable record of the work). */
export const JOB_RETENTION_MS = {
  completed: 24 * 60 * 60 * 1000,
  failed: 14 * 24 * 60 * 60 * 1000,
} as const;

export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

/** Jobs removed from each queue by one run of `trim-finished-jobs`. */
export type TrimResult = Record<string, { completed: number; failed: number }>;
