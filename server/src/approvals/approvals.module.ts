import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { RunsModule } from '../runs/runs.module.js';
import { StepHandlerRegistry } from '../runs/step-handler.registry.js';
import { ApprovalsController } from './approvals.controller.js';
import { DecisionComment } from './decision-comment.entity.js';
import { DecisionDeadlines } from './decision-deadlines.service.js';
import { DecisionJournal } from './decision-journal.js';
import { DecisionRequests } from './decision-requests.service.js';
import { DecisionResumer } from './decision-resumer.js';
import { DecisionStepHandler } from './decision-step.handler.js';
import { DecisionVote } from './decision-vote.entity.js';
import { Decision } from './decision.entity.js';
import { DecisionsService } from './decisions.service.js';

/**
 * Decisions (ARCHITECTURE.md, "Decision"): the `approval` and `input` step types, the inbox API,
 * separation of duties, early votes and SLA deadlines. Loaded by every role: workers run the
 * step handlers, the API serves the inbox.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Decision, DecisionVote, DecisionComment]), AuditModule, RunsModule],
  controllers: [ApprovalsController],
  providers: [DecisionJournal, DecisionResumer, DecisionDeadlines, DecisionRequests, DecisionsService],
  exports: [DecisionsService, DecisionDeadlines],
})
export class ApprovalsModule implements OnModuleInit {
  constructor(
    private readonly registry: StepHandlerRegistry,
    private readonly requests: DecisionRequests,
  ) {}

  onModuleInit(): void {
    this.registry.register(new DecisionStepHandler('approval', this.requests));
    this.registry.register(new DecisionStepHandler('input', this.requests));
  }
}
