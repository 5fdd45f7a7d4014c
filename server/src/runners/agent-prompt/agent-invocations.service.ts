import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AgentRunHistoryItem, AgentRunnerName } from '@trustops/contracts';
import type { Repository } from 'typeorm';
import type { StepContext } from '../../runs/step-handler.js';
import { TenantScope } from '../../tenancy/tenant-scope.js';
import type { RunnerCheckpointStore, RunnerResult } from '../runner.js';
import { AgentInvocation } from './agent-invocation.entity.js';

const HISTORY_LIMIT = 100;

/** The record of each `agent.prompt` attempt: its checkpoint while it works, its result after. */
@Injectable()
export class AgentInvocations {
  constructor(@InjectRepository(AgentInvocation) private readonly invocations: Repository<AgentInvocation>) {}

  /** The attempt's record: created on first delivery, found again on a redelivery. */
  async begin(
    context: StepContext,
    what: { workspaceId: string; sessionId: string | null; runner: AgentRunnerName; prompt: string },
  ): Promise<AgentInvocation> {
    await this.invocations
      .createQueryBuilder()
      .insert()
      .values({
        tenantId: context.tenantId,
        effectKey: context.effectKey,
        runId: context.runId,
        stepId: context.stepId,
        attempt: context.attempt,
        ...what,
        state: 'running',
        checkpoint: null,
        stopReason: null,
        answer: null,
        turns: 0,
        usage: null,
        error: null,
        startedBy: context.startedBy,
      })
      .orIgnore()
      .execute();
    return this.invocations.findOneOrFail({ where: { tenantId: context.tenantId, effectKey: context.effectKey } });
  }

  checkpointStore(invocation: AgentInvocation): RunnerCheckpointStore {
    return {
      load: async () =>
        (await this.invocations.findOne({ where: { id: invocation.id }, select: { id: true, checkpoint: true } }))
          ?.checkpoint ?? null,
      save: async (state) => {
        // jsonb written as a parameter: TypeORM's update() would try to read the object as a partial entity.
        await this.invocations.query('UPDATE agent_invocations SET checkpoint = $1, updated_at = now() WHERE id = $2', [
          JSON.stringify(state),
          invocation.id,
        ]);
      },
    };
  }

  /** Records the runner's result; `failure` set when the result is not an answer (a budget ran out). */
  async finish(invocation: AgentInvocation, result: RunnerResult, failure: string | null): Promise<AgentInvocation> {
    Object.assign(invocation, {
      state: failure === null ? 'completed' : 'failed',
      checkpoint: null,
      stopReason: result.stopReason,
      answer: result.text,
      turns: result.turns,
      usage: result.usage,
      error: failure,
    } satisfies Partial<AgentInvocation>);
    return this.invocations.save(invocation);
  }

  async fail(invocation: AgentInvocation, error: string): Promise<void> {
    await this.invocations.update({ id: invocation.id }, { state: 'failed', error, checkpoint: null });
  }

  /** The agent runs on a workspace, newest first. */
  async history(tenantId: string, workspaceId: string): Promise<AgentRunHistoryItem[]> {
    const rows = await new TenantScope(this.invocations, tenantId).find({
      where: { workspaceId },
      order: { createdAt: 'DESC' },
      take: HISTORY_LIMIT,
    });
    return rows.map((row) => ({
      runId: row.runId,
      stepId: row.stepId,
      sessionId: row.sessionId,
      runner: row.runner,
      prompt: row.prompt,
      state: row.state,
      stopReason: row.stopReason,
      turns: row.turns,
      costUsd: row.usage?.costUsd ?? null,
      startedBy: row.startedBy,
      createdAt: row.createdAt.toISOString(),
    }));
  }
}
