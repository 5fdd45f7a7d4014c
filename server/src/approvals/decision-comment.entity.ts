import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';
import { Decision } from './decision.entity.js';

/** A remark on a decision (a question to the requester, a note for the next decider). Never edited. */
@Entity('decision_comments')
export class DecisionComment extends TenantOwnedEntity {
  @Index()
  @Column('uuid')
  decisionId!: string;

  @ManyToOne(() => Decision, (decision) => decision.comments, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Relation<Decision>;

  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  userName!: string;

  @Column({ type: 'text' })
  text!: string;
}
