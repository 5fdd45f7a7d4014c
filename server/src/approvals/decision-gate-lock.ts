import type { EntityManager } from 'typeorm';

/**
 * Serialises, per (tenant, run, step), the creation of a gate's decision and the recording of
 * early votes for it, so an early vote is either seen by the creation or finds the decision it
 * created: none falls between the two. Held until the transaction ends.
 */
export async function lockGate(manager: EntityManager, tenantId: string, runId: string, stepId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `decision-gate:${tenantId}:${runId}:${stepId}`,
  ]);
}
