import type { AgentRunnerName, AgentUsageView, ActorSummary } from '@trustops/contracts';
import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../../platform/database/base.entity.js';

export type AgentInvocationState = 'running' | 'completed' | 'failed';

/**
 * One attempt of an `agent.prompt` step: what was asked of which runner on which workspace, the
 * runner's checkpoint while it works, and its result. Keyed by the step's effect key, so a
 * redelivered attempt resumes (or returns the result) instead of asking the model again. Also
 * the run history of a workspace.
 */
@Entity('agent_invocations')
@Index(['tenantId', 'workspaceId', 'createdAt'])
export class AgentInvocation extends TenantOwnedEntity {
  /** `${runId}:${stepId}:${attempt}` (StepContext.effectKey). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 200 })
  effectKey!: string;

  @Index()
  @Column('uuid')
  runId!: string;

  @Column({ type: 'varchar', length: 100 })
  stepId!: string;

  @Column('int')
  attempt!: number;

  @Column({ type: 'varchar', length: 100 })
  workspaceId!: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  runner!: AgentRunnerName;

  @Column('text')
  prompt!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: AgentInvocationState;

  /** The runner's saved progress (its conversation so far); cleared once it has finished. */
  @Column({ type: 'jsonb', nullable: true })
  checkpoint!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  stopReason!: string | null;

  /** The final answer (Markdown). */
  @Column({ type: 'text', nullable: true })
  answer!: string | null;

  @Column('int', { default: 0 })
  turns!: number;

  @Column({ type: 'jsonb', nullable: true })
  usage!: AgentUsageView | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'jsonb' })
  startedBy!: ActorSummary;
}
