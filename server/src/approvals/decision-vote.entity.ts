import { Column, Entity, Index, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';
import { Decision } from './decision.entity.js';

/**
 * One person's approve or reject, with their comment and form answers. Never edited: the only
 * change a vote sees is an early vote (cast before the run reached its gate, `decisionId` null)
 * being bound once to the decision the gate then creates.
 */
@Entity('decision_votes')
// One vote per person per decision: "the same person twice" is refused by the database too.
@Unique(['decisionId', 'userId'])
@Index(['tenantId', 'runId', 'stepId'])
export class DecisionVote extends TenantOwnedEntity {
  @Index()
  @Column({ type: 'uuid', nullable: true })
  decisionId!: string | null;

  @ManyToOne(() => Decision, (decision) => decision.votes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Relation<Decision>;

  @Column({ type: 'uuid', nullable: true })
  runId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  stepId!: string | null;

  @Column('uuid')
  userId!: string;

  @Column({ type: 'varchar', length: 200 })
  userName!: string;

  /** The voter's roles when they voted: an early vote is checked against the gate's roles later. */
  @Column({ type: 'text', array: true, default: '{}' })
  userRoles!: string[];

  @Column({ type: 'varchar', length: 16 })
  verdict!: 'approve' | 'reject';

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  response!: Record<string, unknown> | null;

  /** Cast before the gate was reached. */
  @Column({ type: 'boolean', default: false })
  early!: boolean;

  /** Why an early vote did not count once the gate was reached (a role it needs, an invalid answer). */
  @Column({ type: 'text', nullable: true })
  discardedReason!: string | null;
}
