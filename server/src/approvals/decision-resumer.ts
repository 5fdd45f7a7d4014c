import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { RunsService } from '../runs/runs.service.js';
import { stepResultOf } from './decision-rules.js';
import { counted } from './decision-view.js';
import type { DecisionVote } from './decision-vote.entity.js';
import { Decision } from './decision.entity.js';

/**
 * Tells the runs engine how a resolved decision ends its waiting step. A failure here (the engine
 * briefly unreachable, a crash after the commit) leaves `resumedAt` empty, and the deadline sweep
 * tries again: `completeWaitingStep` is safe to call twice.
 */
@Injectable()
export class DecisionResumer {
  private readonly logger = new Logger(DecisionResumer.name);

  constructor(
    private readonly runs: RunsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async resume(decision: Decision, votes: readonly DecisionVote[]): Promise<boolean> {
    const result = stepResultOf(decision, counted(votes));
    if (!result || !decision.runId || !decision.stepId) return false;
    try {
      await this.runs.completeWaitingStep(decision.tenantId, decision.runId, decision.stepId, result);
    } catch (error) {
      if (error instanceof NotFoundException) {
        // The run or its step is gone: nothing will ever wait for this answer, so stop owing it.
        this.logger.warn(
          { decisionId: decision.id, runId: decision.runId },
          `The run of a resolved decision no longer exists: ${error.message}`,
        );
        await this.markResumed(decision);
        return false;
      }
      this.logger.warn(
        { decisionId: decision.id, runId: decision.runId },
        `Resuming the run after its decision failed; the sweep will retry: ${(error as Error).message}`,
      );
      return false;
    }
    await this.markResumed(decision);
    return true;
  }

  private async markResumed(decision: Decision): Promise<void> {
    await this.dataSource
      .getRepository(Decision)
      .update({ id: decision.id, resumedAt: IsNull() }, { resumedAt: new Date() });
  }
}
