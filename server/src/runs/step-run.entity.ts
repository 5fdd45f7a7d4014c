import type { StepState } from '@trustops/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';
import { Run } from './run.entity.js';
import type { WaitingStepResult } from './waiting-step-result.js';

/**
 * The durable state of one step of one run: PostgreSQL is the source of truth, BullMQ only
 * dispatches. A job names (run, step, attempt, dispatch); a delivery that no longer matches the
 * row is stale and ignored.
 */
@Entity('step_runs')
@Index('uq_step_runs_run_id_step_id', ['runId', 'stepId'], { unique: true })
// What recovery and the dead-letter list scan.
@Index('ix_step_runs_state', ['state'])
export class StepRun extends TenantOwnedEntity {
  @Column('uuid')
  runId!: string;

  @ManyToOne(() => Run, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: Run;

  @Column({ type: 'varchar', length: 100 })
  stepId!: string;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: StepState;

  /** The current attempt, 1 for the first; 0 until it is first queued. */
  @Column('int')
  attempt!: number;

  @Column('int')
  maxAttempts!: number;

  /** Bumped each time the same attempt is dispatched again (a timer resumption, a recovery). */
  @Column('int', { default: 0 })
  dispatch!: number;

  @Column({ type: 'jsonb', nullable: true })
  output!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The decision a waiting step is parked on. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  decisionId!: string | null;

  /** When a step waiting on time is due again. */
  @Column({ type: 'timestamptz', nullable: true })
  resumeAt!: Date | null;

  /** A completion that arrived before the step parked (an early decision), applied when it parks. */
  @Column({ type: 'jsonb', nullable: true })
  pendingCompletion!: WaitingStepResult | null;

  @Column({ type: 'timestamptz', nullable: true })
  queuedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Set when the last attempt failed: the step is on the dead-letter list until retried. */
  @Column({ type: 'timestamptz', nullable: true })
  deadLetteredAt!: Date | null;
}
