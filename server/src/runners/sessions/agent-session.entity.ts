import type { AgentRunnerName } from '@trustops/contracts';
import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../../platform/database/base.entity.js';

/** A conversation with an agent about one workspace; each follow-up is a run of `agents-ask`. */
@Entity('agent_sessions')
@Index(['tenantId', 'workspaceId', 'updatedAt'])
export class AgentSession extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 100 })
  workspaceId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** The runner asked for when the session was started (null: the configured default). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  runner!: AgentRunnerName | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @Column({ type: 'varchar', length: 200 })
  createdByName!: string;

  @Column({ type: 'uuid', nullable: true })
  lastRunId!: string | null;
}
