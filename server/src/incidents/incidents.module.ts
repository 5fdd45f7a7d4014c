import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RunsModule } from '../runs/runs.module.js';
import { ActionRunner } from './action-runner.js';
import { DiagnosisService } from './diagnosis/diagnosis.service.js';
import { EvidenceGatherer } from './evidence-gatherer.js';
import { IncidentAction } from './incident-action.entity.js';
import { IncidentCommunications } from './incident-communications.js';
import { IncidentEvidence } from './incident-evidence.entity.js';
import { IncidentFinding } from './incident-finding.entity.js';
import { IncidentJournal } from './incident-journal.js';
import { IncidentLifecycle } from './incident-lifecycle.service.js';
import { IncidentReader } from './incident-reader.js';
import { IncidentSettingsController } from './incident-settings.controller.js';
import { IncidentStepHandlers } from './incident-step-handlers.js';
import { IncidentTimelineEntry } from './incident-timeline-entry.entity.js';
import { Incident } from './incident.entity.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsService } from './incidents.service.js';
import { IntegrationModeChoice } from './integrations/integration-mode-choice.entity.js';
import { IntegrationModeChoices } from './integrations/integration-mode-choices.js';
import { IntegrationRegistry } from './integrations/integration-registry.js';
import { MockProviders } from './integrations/mock/mock-providers.js';
import { MockScenarios } from './integrations/mock/mock-scenarios.js';
import { IncidentMockState } from './integrations/mock/mock-state.entity.js';

/**
 * Incident troubleshooting (ARCHITECTURE.md, "incidents"): incidents and their evidence,
 * findings, actions and timeline; the integration providers (mock or live); the diagnosis
 * engines; and the step types of the lifecycle runbook. Loaded by every role: workers run the
 * steps. Live clients (integrations/live/) register with `IntegrationRegistry.registerLive`.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Incident,
      IncidentEvidence,
      IncidentFinding,
      IncidentAction,
      IncidentTimelineEntry,
      IncidentMockState,
      IntegrationModeChoice,
    ]),
    RunsModule,
  ],
  // Settings first: its fixed paths (`integrations`, `scenario`) must win over `:id`.
  controllers: [IncidentSettingsController, IncidentsController],
  providers: [
    MockScenarios,
    MockProviders,
    IntegrationModeChoices,
    IntegrationRegistry,
    EvidenceGatherer,
    ActionRunner,
    DiagnosisService,
    IncidentJournal,
    IncidentCommunications,
    IncidentReader,
    IncidentLifecycle,
    IncidentStepHandlers,
    IncidentsService,
  ],
  exports: [IntegrationRegistry, IncidentsService, MockScenarios],
})
export class IncidentsModule {}
