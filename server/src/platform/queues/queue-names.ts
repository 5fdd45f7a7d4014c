/**
 * Every BullMQ queue of the platform. QueuesModule registers each one globally, the metrics
 * count their jobs and housekeeping trims them: add yours here in one line, then
 * `@InjectQueue(QueueName.X)` anywhere.
 */
export const QueueName = {
  PlatformHousekeeping: 'platform-housekeeping',
  RunsSteps: 'runs-steps',
  DecisionDeadlines: 'decision-deadlines',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);
