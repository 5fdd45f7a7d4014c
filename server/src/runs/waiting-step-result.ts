/** How a step parked with `{ status: 'waiting' }` ends (RunsService.completeWaitingStep). */
export type WaitingStepResult =
  { status: 'succeeded'; output?: Record<string, unknown> } | { status: 'failed'; error: string };
