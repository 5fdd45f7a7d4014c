import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { TenantOwnedEntity } from '../../platform/database/base.entity.js';
import { AgentSession } from './agent-session.entity.js';

/**
 * One message of a session: the person's prompt or the agent's answer. A message written by an
 * `agent.prompt` step carries its effect key, so a redelivered step does not add it twice.
 */
@Entity('agent_session_messages')
@Unique(['sessionId', 'seq'])
@Unique(['sessionId', 'effectKey', 'role'])
export class AgentSessionMessage extends TenantOwnedEntity {
  @Index()
  @Column('uuid')
  sessionId!: string;

  @ManyToOne(() => AgentSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: AgentSession;

  /** 1, 2, 3 … within the session. */
  @Column('int')
  seq!: number;

  @Column({ type: 'varchar', length: 16 })
  role!: 'user' | 'assistant';

  @Column('text')
  text!: string;

  @Column({ type: 'uuid', nullable: true })
  runId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  effectKey!: string | null;
}
