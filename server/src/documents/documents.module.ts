import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { RunnersModule } from '../runners/runners.module.js';
import { RunsModule } from '../runs/runs.module.js';
import { StepHandlerRegistry } from '../runs/step-handler.registry.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { DocumentComposeStepHandler, DocumentCreateStepHandler, DocumentSignStepHandler } from './document-steps.js';
import { DocumentsController, WizardWorkspacesController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { WizardDocument } from './wizard-document.entity.js';

/**
 * Documents the guided wizards produce and their review lifecycle, with the step types
 * `document.compose`, `document.create` and `document.sign`. Loaded by every role: workers run
 * the steps, the API serves the documents.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WizardDocument]), AuditModule, RunsModule, RunnersModule, WorkspacesModule],
  controllers: [DocumentsController, WizardWorkspacesController],
  providers: [DocumentsService, DocumentComposeStepHandler, DocumentCreateStepHandler, DocumentSignStepHandler],
  exports: [DocumentsService],
})
export class DocumentsModule implements OnModuleInit {
  constructor(
    private readonly registry: StepHandlerRegistry,
    private readonly compose: DocumentComposeStepHandler,
    private readonly create: DocumentCreateStepHandler,
    private readonly sign: DocumentSignStepHandler,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.compose);
    this.registry.register(this.create);
    this.registry.register(this.sign);
  }
}
