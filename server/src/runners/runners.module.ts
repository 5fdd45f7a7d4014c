import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RunsModule } from '../runs/runs.module.js';
import { StepHandlerRegistry } from '../runs/step-handler.registry.js';
import { AgentInvocation } from './agent-prompt/agent-invocation.entity.js';
import { AgentInvocations } from './agent-prompt/agent-invocations.service.js';
import { AgentPromptStepHandler } from './agent-prompt/agent-prompt.step-handler.js';
import { PromptTemplate } from './prompt-templates/prompt-template.entity.js';
import { PromptTemplatesController } from './prompt-templates/prompt-templates.controller.js';
import { PromptTemplatesService } from './prompt-templates/prompt-templates.service.js';
import { TemplateSessionsService } from './prompt-templates/template-sessions.service.js';
import { RunnerRegistry } from './runner-registry.js';
import { RunnersController } from './runners.controller.js';
import { AgentSessionMessage } from './sessions/agent-session-message.entity.js';
import { AgentSession } from './sessions/agent-session.entity.js';
import { AgentSessionsController } from './sessions/agent-sessions.controller.js';
import { AgentSessionsService } from './sessions/agent-sessions.service.js';
import { AgentTranscriptsService } from './transcripts/agent-transcripts.service.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { WorkspacesService } from '../workspaces/workspaces.service.js';
import { WorkspaceDirectory } from './workspace-directory.js';

/**
 * Agent runners (ARCHITECTURE.md, "runners"): the `agent.prompt` step type over the claude and
 * offline runners, sessions, prompt templates and transcript exports. Loaded by every role:
 * workers run the step, the API serves sessions and templates.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([AgentInvocation, AgentSession, AgentSessionMessage, PromptTemplate]),
    RunsModule,
    WorkspacesModule,
  ],
  controllers: [RunnersController, AgentSessionsController, PromptTemplatesController],
  providers: [
    RunnerRegistry,
    WorkspaceDirectory,
    AgentInvocations,
    AgentSessionsService,
    PromptTemplatesService,
    TemplateSessionsService,
    AgentTranscriptsService,
    AgentPromptStepHandler,
  ],
  exports: [RunnerRegistry, WorkspaceDirectory, AgentSessionsService, PromptTemplatesService],
})
export class RunnersModule implements OnModuleInit {
  constructor(
    private readonly registry: StepHandlerRegistry,
    private readonly agentPrompt: AgentPromptStepHandler,
    private readonly directory: WorkspaceDirectory,
    private readonly workspaces: WorkspacesService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.agentPrompt);
    this.directory.provide((tenantId, workspaceId) => this.workspaces.open(tenantId, workspaceId));
  }
}
