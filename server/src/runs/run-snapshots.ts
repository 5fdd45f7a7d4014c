import type { QueryResult } from 'pg';
import type { DataSource } from 'typeorm';
import { entitiesFromRows, SqlParameters, type Statement } from '../platform/database/statement-batch.js';
import { Run } from './run.entity.js';
import { StepRun } from './step-run.entity.js';

/** A run and all its steps, as read together. */
export interface RunSnapshot {
  run: Run;
  steps: StepRun[];
}

export interface RunKey {
  tenantId: string;
  runId: string;
}

/**
 * The two statements that read several runs and all their steps (for a StatementBatch). With
 * `lock`, the runs are locked in id order — the order every writer of several runs uses, so two
 * of them cannot deadlock — and the steps, read by the second statement with a snapshot taken
 * after the locks were granted, include whatever the previous holder committed.
 */
export function runSnapshotStatements(keys: readonly RunKey[], options: { lock: boolean }): Statement[] {
  const unique = [...new Map(keys.map((key) => [`${key.tenantId} ${key.runId}`, key])).values()];
  const sql = SqlParameters.inline();
  const pairs = unique.map((key) => `(${sql.place(key.runId, 'uuid')}, ${sql.place(key.tenantId, 'uuid')})`).join(', ');
  const parameters = sql.values;
  return [
    {
      sql: `SELECT * FROM runs WHERE (id, tenant_id) IN (${pairs}) ORDER BY id${options.lock ? ' FOR UPDATE' : ''}`,
      parameters,
    },
    {
      sql: `SELECT * FROM step_runs WHERE (run_id, tenant_id) IN (${pairs}) ORDER BY run_id, created_at, step_id`,
      parameters,
    },
  ];
}

/** The results of `runSnapshotStatements` as entities, by run id. */
export function runSnapshotsFromResults(
  dataSource: DataSource,
  runRows: QueryResult,
  stepRows: QueryResult,
): Map<string, RunSnapshot> {
  const snapshots = new Map(
    entitiesFromRows(dataSource, Run, runRows.rows).map((run) => [run.id, { run, steps: [] as StepRun[] }]),
  );
  for (const step of entitiesFromRows(dataSource, StepRun, stepRows.rows)) snapshots.get(step.runId)?.steps.push(step);
  return snapshots;
}
