import type { RunState } from '@trustops/contracts';
import type { RunbookDefinition } from '@trustops/runbook';
import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';

/**
 * One execution of one runbook version. The definition is copied in when the run starts, so a
 * later edit of the runbook never changes a run in progress.
 */
@Entity('runs')
// The same idempotency key in the same tenant names the same run (concurrent starts included).
@Index('uq_runs_tenant_id_idempotency_key', ['tenantId', 'idempotencyKey'], {
  unique: true,
  where: '"idempotency_key" IS NOT NULL',
})
@Index('ix_runs_tenant_id_created_at', ['tenantId', 'createdAt'])
export class Run extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 100 })
  runbookId!: string;

  @Column('int')
  runbookVersion!: number;

  @Column({ type: 'varchar', length: 200 })
  runbookTitle!: string;

  @Column('jsonb')
  definition!: RunbookDefinition;

  @Column({ type: 'varchar', length: 16 })
  state!: RunState;

  @Column({ type: 'varchar', length: 200, nullable: true })
  idempotencyKey!: string | null;

  @Column('jsonb')
  inputs!: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  outputs!: Record<string, unknown> | null;

  /** Plain-English reason when failed or cancelled. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'uuid', nullable: true })
  startedById!: string | null;

  @Column({ type: 'varchar', length: 200 })
  startedByName!: string;

  /** The run this one re-runs, if any. */
  @Column({ type: 'uuid', nullable: true })
  rerunOf!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /**
   * Bumped by every transaction that changes the run or any of its steps (RunTransaction), so a
   * process that holds the run as of its own last commit can check that nothing else changed it.
   */
  @Column('int', { default: 0 })
  version!: number;
}
