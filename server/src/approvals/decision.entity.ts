import type { DecisionFormField, DecisionKind, DecisionPolicyName, DecisionState } from '@trustops/contracts';
import { Column, Entity, Index, OneToMany, Unique, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';
import { DecisionComment } from './decision-comment.entity.js';
import { DecisionVote } from './decision-vote.entity.js';

/** What happens to the step when the decision's SLA passes without an answer. */
export type DecisionTimeoutPolicy = 'fail' | 'continue';

/**
 * A human-in-the-loop request (ARCHITECTURE.md, "Decision"): approve/reject, or provide input.
 * Only `state`, `response`, the resolution times and `resumedAt` ever change after creation;
 * votes and comments are rows of their own, never edited.
 */
@Entity('decisions')
// A redelivered step (same run, step and attempt) finds its decision instead of asking again.
@Unique(['tenantId', 'effectKey'])
@Index(['state', 'dueAt'])
@Index(['tenantId', 'runId', 'stepId'])
export class Decision extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 16 })
  kind!: DecisionKind;

  @Column({ type: 'varchar', length: 16 })
  state!: DecisionState;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  /** Markdown shown to the decider. */
  @Column({ type: 'text', default: '' })
  context!: string;

  @Column({ type: 'varchar', length: 16 })
  policy!: DecisionPolicyName;

  @Column({ type: 'text', array: true, default: '{}' })
  allowedRoles!: string[];

  @Column({ type: 'jsonb', default: [] })
  form!: DecisionFormField[];

  @Column({ type: 'uuid', nullable: true })
  runId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  stepId!: string | null;

  /** `${runId}:${stepId}:${attempt}` for decisions made by steps. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  effectKey!: string | null;

  /** Who asked: the person who started the run. Separation of duties keeps them from approving. */
  @Column({ type: 'uuid', nullable: true })
  requestedById!: string | null;

  @Column({ type: 'varchar', length: 200 })
  requestedByName!: string;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'fail' })
  onTimeout!: DecisionTimeoutPolicy;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** What the decider provided through the form. */
  @Column({ type: 'jsonb', nullable: true })
  response!: Record<string, unknown> | null;

  /** When the waiting step was told the outcome; null while that is still owed (retried by the sweep). */
  @Column({ type: 'timestamptz', nullable: true })
  resumedAt!: Date | null;

  @OneToMany(() => DecisionVote, (vote) => vote.decision)
  votes?: Relation<DecisionVote[]>;

  @OneToMany(() => DecisionComment, (comment) => comment.decision)
  comments?: Relation<DecisionComment[]>;
}
