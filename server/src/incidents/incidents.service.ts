import { ConflictException, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  INCIDENT_EVENT_TYPES,
  TERMINAL_RUN_STATES,
  type EventEnvelope,
  type IncidentDetail,
  type IncidentSummaryView,
} from '@trustops/contracts';
import type { Repository } from 'typeorm';
import { EventsService, StreamAccess } from '../platform/events/index.js';
import type { Principal } from '../rbac/principal.js';
import { RunsService } from '../runs/runs.service.js';
import { DiagnosisService } from './diagnosis/diagnosis.service.js';
import { writeIncidentSummary } from './diagnosis/incident-summary.js';
import { CreateIncidentDto } from './dto/incident-requests.dto.js';
import { IncidentEvidence } from './incident-evidence.entity.js';
import { IncidentJournal, SYSTEM_ACTOR } from './incident-journal.js';
import { IncidentReader } from './incident-reader.js';
import { incidentSummaryView } from './incident-views.js';
import { Incident } from './incident.entity.js';
import { MockScenarios } from './integrations/mock/mock-scenarios.js';

/** The built-in runbook every incident runs (runbooks/incidents/lifecycle.yaml). */
export const LIFECYCLE_RUNBOOK_ID = 'incidents-lifecycle';

/** "checkout is failing after the deploy" → "Checkout is failing after the deploy". */
function titleFrom(description: string): string {
  const firstSentence = description.trim().split(/(?<=[.!?])\s/)[0] ?? description;
  const title = firstSentence.length > 120 ? `${firstSentence.slice(0, 117)}…` : firstSentence;
  return title.charAt(0).toUpperCase() + title.slice(1);
}

/**
 * Incidents as people use them: report one in plain English (which starts its lifecycle run),
 * list, read with everything gathered, add evidence and diagnose again, download the summary.
 */
@Injectable()
export class IncidentsService implements OnModuleInit {
  constructor(
    @InjectRepository(Incident) private readonly incidents: Repository<Incident>,
    private readonly reader: IncidentReader,
    private readonly journal: IncidentJournal,
    private readonly runs: RunsService,
    private readonly diagnosis: DiagnosisService,
    private readonly scenarios: MockScenarios,
    private readonly streamAccess: StreamAccess,
    private readonly events: EventsService,
  ) {}

  onModuleInit(): void {
    // An incident's live stream: incidents:read is checked first; the incident must be the caller's tenant's.
    this.streamAccess.register('incident', (principal, id) =>
      id === undefined ? Promise.resolve(false) : this.reader.exists(principal.tenantId, id),
    );
    // The dashboard's stream of every incident: only the caller's own tenant's.
    this.streamAccess.register('incidents', (principal, id) => Promise.resolve(id === principal.tenantId));
  }

  async create(principal: Principal, request: CreateIncidentDto): Promise<IncidentDetail> {
    const world = await this.scenarios.world(principal.tenantId);
    const description = request.description.trim();
    const incident = await this.journal.open(
      this.incidents.create({
        tenantId: principal.tenantId,
        title: request.title?.trim() || titleFrom(description),
        description,
        status: 'reported',
        severity: 'sev3',
        category: 'unknown',
        service: null,
        scenario: world.fixture.id,
        engine: this.diagnosis.engine,
        runId: null,
        round: 0,
        reportedByUserId: principal.userId,
        reportedByName: principal.displayName,
        summary: null,
        resolvedAt: null,
        stepOutputs: {},
      }),
      {
        type: INCIDENT_EVENT_TYPES.reported,
        message: `${principal.displayName} reported: “${description}”`,
        actor: { userId: principal.userId, displayName: principal.displayName },
        event: { type: INCIDENT_EVENT_TYPES.reported, payload: (saved) => ({ ...incidentSummaryView(saved, null) }) },
      },
    );
    await this.startLifecycle(principal, incident, incident.id);
    return this.reader.detail(principal.tenantId, incident.id);
  }

  list(principal: Principal): Promise<IncidentSummaryView[]> {
    return this.reader.list(principal.tenantId);
  }

  async get(principal: Principal, id: string): Promise<IncidentDetail> {
    const pendingDecisionId = await this.followRun(principal, await this.reader.find(principal.tenantId, id));
    return { ...(await this.reader.detail(principal.tenantId, id)), pendingDecisionId };
  }

  async eventsOf(principal: Principal, id: string, afterSeq: number): Promise<EventEnvelope[]> {
    const incident = await this.reader.find(principal.tenantId, id);
    return this.events.list(principal.tenantId, { kind: 'incident', id: incident.id }, afterSeq);
  }

  /** A person's observation, kept as evidence for the next diagnosis. */
  async addEvidence(principal: Principal, id: string, note: string): Promise<IncidentDetail> {
    const incident = await this.reader.find(principal.tenantId, id);
    await this.journal.record(principal.tenantId, incident.id, {
      type: 'incident.evidence-added',
      message: `${principal.displayName} added a note: “${note}”`,
      actor: { userId: principal.userId, displayName: principal.displayName },
      also: async (manager) => {
        await manager.save(
          manager.create(IncidentEvidence, {
            tenantId: principal.tenantId,
            incidentId: incident.id,
            kind: 'note',
            source: 'operator',
            title: `Note from ${principal.displayName}`,
            data: { text: note, by: principal.displayName },
            round: incident.round,
          }),
        );
      },
    });
    return this.reader.detail(principal.tenantId, id);
  }

  /**
   * Runs the lifecycle again from gathering fresh evidence. A run still waiting (for an approval
   * of the old recommendation) is cancelled first; one still working is left to finish (409).
   */
  async rediagnose(principal: Principal, id: string): Promise<IncidentDetail> {
    const incident = await this.reader.find(principal.tenantId, id);
    if (incident.runId) {
      const run = await this.runs.get(principal, incident.runId);
      if (run.state === 'waiting') {
        await this.runs.cancel(principal, run.id, 'The incident is being diagnosed again with new evidence.');
      } else if (!TERMINAL_RUN_STATES.includes(run.state)) {
        throw new ConflictException(
          'This incident is still being worked on. Diagnose it again once the current step has finished.',
        );
      }
    }
    await this.journal.record(principal.tenantId, incident.id, {
      type: 'incident.rediagnosis-requested',
      message: `${principal.displayName} asked for a new diagnosis with the latest evidence.`,
      actor: { userId: principal.userId, displayName: principal.displayName },
      status: 'reported',
    });
    await this.startLifecycle(principal, incident, `${incident.id}:round-${incident.round + 1}`);
    return this.reader.detail(principal.tenantId, id);
  }

  /** The post-incident report as Markdown: the one written when the lifecycle ended, or a draft of it so far. */
  async summary(principal: Principal, id: string): Promise<{ fileName: string; markdown: string }> {
    const detail = await this.get(principal, id);
    const markdown = detail.summary ?? writeIncidentSummary(detail);
    return { fileName: `incident-${detail.createdAt.slice(0, 10)}-${detail.id.slice(0, 8)}.md`, markdown };
  }

  private async startLifecycle(principal: Principal, incident: Incident, idempotencyKey: string): Promise<void> {
    const run = await this.runs.start(principal, {
      runbookId: LIFECYCLE_RUNBOOK_ID,
      inputs: { incidentId: incident.id },
      idempotencyKey,
    });
    await this.incidents.update({ tenantId: principal.tenantId, id: incident.id }, { runId: run.id });
  }

  /**
   * Reads the lifecycle run: returns the decision it waits for, if any; and a run that failed or
   * was cancelled outside the incident's steps (a rejected approval) marks the incident failed.
   */
  private async followRun(principal: Principal, incident: Incident): Promise<string | null> {
    if (!incident.runId || ['resolved', 'failed'].includes(incident.status)) return null;
    const run = await this.runs.get(principal, incident.runId);
    const waiting = run.steps.find((step) => step.type === 'approval' && step.state === 'waiting');
    if (waiting) return waiting.decisionId;
    if (run.state !== 'failed' && run.state !== 'cancelled') return null;
    await this.journal.record(principal.tenantId, incident.id, {
      type: 'incident.lifecycle-stopped',
      // Two readers noticing at once: the second finds it already marked.
      alreadyDone: (locked) => locked.runId !== incident.runId || ['resolved', 'failed'].includes(locked.status),
      message: `The lifecycle stopped: ${run.error ?? run.state}`,
      actor: SYSTEM_ACTOR,
      status: 'failed',
    });
    return null;
  }
}
