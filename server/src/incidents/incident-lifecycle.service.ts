import { Injectable } from '@nestjs/common';
import { INCIDENT_EVENT_TYPES, type IncidentStatus } from '@trustops/contracts';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { ActionRunner } from './action-runner.js';
import { classify } from './diagnosis/classification.js';
import { DiagnosisService } from './diagnosis/diagnosis.service.js';
import { EvidenceSet } from './diagnosis/evidence-set.js';
import { recommend } from './diagnosis/recommendations.js';
import { EvidenceGatherer } from './evidence-gatherer.js';
import { FILED_BY_TRUSTOPS, IncidentCommunications } from './incident-communications.js';
import { IncidentAction } from './incident-action.entity.js';
import { IncidentEvidence } from './incident-evidence.entity.js';
import { IncidentFinding } from './incident-finding.entity.js';
import { IncidentJournal, SYSTEM_ACTOR, type JournalEntry } from './incident-journal.js';
import { IncidentReader } from './incident-reader.js';
import { Incident } from './incident.entity.js';
import { actionView, findingView } from './incident-views.js';
import { IntegrationRegistry } from './integrations/integration-registry.js';
import { writeIncidentSummary } from './diagnosis/incident-summary.js';

/** Where a lifecycle step is: the incident, and the step's identity for idempotency. */
export interface LifecycleStep {
  tenantId: string;
  incidentId: string;
  runId: string;
  stepId: string;
  signal?: AbortSignal;
}

/** The approval gates' outputs as the execute step receives them (a skipped gate is `{}`). */
export interface GateOutputs {
  approved?: boolean;
  approvers?: string[];
}

/** A step that cannot succeed by being tried again (a rejected action, a missing incident). */
export class LifecycleRefusal extends Error {
  override readonly name = 'LifecycleRefusal';
}

/**
 * The work of each lifecycle step (runbooks/incidents/lifecycle.yaml): classify, gather,
 * diagnose, recommend, execute, verify, summarise. Each records its transition on the timeline
 * and the incident stream through the journal, and stores its output under the step's key so a
 * redelivered step answers the same without doing it again.
 */
@Injectable()
export class IncidentLifecycle {
  constructor(
    @InjectRepository(Incident) private readonly incidents: Repository<Incident>,
    @InjectRepository(IncidentEvidence) private readonly evidence: Repository<IncidentEvidence>,
    @InjectRepository(IncidentFinding) private readonly findings: Repository<IncidentFinding>,
    @InjectRepository(IncidentAction) private readonly actions: Repository<IncidentAction>,
    private readonly journal: IncidentJournal,
    private readonly registry: IntegrationRegistry,
    private readonly gatherer: EvidenceGatherer,
    private readonly diagnosis: DiagnosisService,
    private readonly runner: ActionRunner,
    private readonly reader: IncidentReader,
    private readonly communications: IncidentCommunications,
  ) {}

  async classify(step: LifecycleStep): Promise<Record<string, unknown>> {
    return this.once(step, async (incident) => {
      const call = { tenantId: step.tenantId, signal: step.signal };
      const { datadog } = await this.registry.providers(call);
      const alerts = await datadog.listAlerts(call, {});
      const result = classify(incident.description, alerts);
      const output = { category: result.category, severity: result.severity, service: result.service };
      return {
        output,
        entry: {
          type: INCIDENT_EVENT_TYPES.classified,
          message: result.reason,
          actor: SYSTEM_ACTOR,
          status: 'classifying',
          event: { type: INCIDENT_EVENT_TYPES.classified, payload: output },
          also: (_manager, locked) => {
            locked.category = result.category;
            locked.severity = result.severity;
            locked.service = result.service;
            return Promise.resolve();
          },
        },
      };
    });
  }

  async gather(step: LifecycleStep): Promise<Record<string, unknown>> {
    return this.once(step, async (incident) => {
      const call = { tenantId: step.tenantId, signal: step.signal };
      const gathered = await this.gatherer.gather(call, incident.service);
      const opened = await this.communications.open(call, incident);
      const evidence = [...gathered.evidence, ...opened.evidence];
      const problems = [...gathered.problems, ...opened.problems];
      const round = incident.round + 1;
      const kinds = [...new Set(evidence.map((item) => item.kind))];
      const output = { round, count: evidence.length, kinds, problems };
      return {
        output,
        entry: {
          type: INCIDENT_EVENT_TYPES.evidenceGathered,
          message: `Gathered ${evidence.length} pieces of evidence (${kinds.join(', ') || 'none'})${problems.length ? `; could not reach: ${problems.join('; ')}` : ''}.`,
          actor: SYSTEM_ACTOR,
          status: 'gathering',
          event: { type: INCIDENT_EVENT_TYPES.evidenceGathered, payload: output },
          also: async (manager, locked) => {
            locked.round = round;
            await manager.save(
              evidence.map((item) =>
                manager.create(IncidentEvidence, { tenantId: step.tenantId, incidentId: incident.id, ...item, round }),
              ),
            );
          },
        },
      };
    });
  }

  async diagnose(step: LifecycleStep): Promise<Record<string, unknown>> {
    return this.once(step, async (incident) => {
      const rows = await this.evidence.find({
        where: [
          { tenantId: step.tenantId, incidentId: incident.id, round: incident.round },
          { tenantId: step.tenantId, incidentId: incident.id, kind: 'note' },
        ],
        order: { createdAt: 'ASC' },
      });
      const set = new EvidenceSet(rows.map(({ id, kind, source, title, data }) => ({ id, kind, source, title, data })));
      const result = await this.diagnosis.diagnose(incident.engine, incident.description, set, step.signal);
      const { diagnosis } = result;
      const finding = this.findings.create({
        tenantId: step.tenantId,
        incidentId: incident.id,
        rootCauseId: diagnosis.rootCauseId,
        rootCause: diagnosis.rootCause,
        explanation: diagnosis.explanation,
        confidence: diagnosis.confidence,
        evidenceIds: diagnosis.evidenceIds,
        engine: result.engine,
        current: true,
        round: incident.round,
        subject: diagnosis.subject,
      });
      const fallback = result.fallbackReason ? ` (${result.fallbackReason} The offline rules were used instead.)` : '';
      return {
        output: () => ({
          findingId: finding.id,
          rootCauseId: diagnosis.rootCauseId,
          confidence: diagnosis.confidence,
          engine: result.engine,
        }),
        entry: {
          type: INCIDENT_EVENT_TYPES.diagnosed,
          message: `Diagnosis (${result.engine}, ${Math.round(diagnosis.confidence * 100)}% confident): ${diagnosis.rootCause}${fallback}`,
          actor: SYSTEM_ACTOR,
          status: 'diagnosing',
          event: { type: INCIDENT_EVENT_TYPES.diagnosed, payload: () => ({ ...findingView(finding) }) },
          also: async (manager, locked) => {
            await manager.update(
              IncidentFinding,
              { tenantId: step.tenantId, incidentId: incident.id, current: true },
              { current: false },
            );
            await manager.save(finding);
            if (diagnosis.category !== 'unknown') locked.category = diagnosis.category;
          },
        },
      };
    });
  }

  async recommend(step: LifecycleStep, findingId: string): Promise<Record<string, unknown>> {
    return this.once(step, async (incident) => {
      const finding = await this.findings.findOneOrFail({
        where: { tenantId: step.tenantId, incidentId: incident.id, id: findingId },
      });
      const recommendations = recommend({ ...finding, category: incident.category, subject: finding.subject });
      const rows = recommendations.map((recommendation) =>
        this.actions.create({
          tenantId: step.tenantId,
          incidentId: incident.id,
          findingId: finding.id,
          ...recommendation,
          status:
            recommendation.rank === 1 && recommendation.approvalPolicy !== 'auto' ? 'awaiting_approval' : 'proposed',
          result: null,
          approvedBy: [],
          round: incident.round,
        }),
      );
      const top = rows[0];
      const status: IncidentStatus = top && top.approvalPolicy !== 'auto' ? 'awaiting_approval' : 'recommending';
      const approvers = top?.approvalPolicy === 'require_two' ? 'two supervisors' : 'a supervisor';
      return {
        output: () => ({
          actionable: top !== undefined,
          actionId: top?.id ?? null,
          title: top?.title ?? null,
          risk: top?.risk ?? null,
          policy: top?.approvalPolicy ?? 'auto',
          question: top ? `${top.title}?` : 'No action to approve',
          context: top
            ? `**Incident:** ${incident.title}\n\n**Root cause (${Math.round(finding.confidence * 100)}% confidence):** ${finding.rootCause}\n\n**Action:** ${top.title} — ${top.risk} risk.\n\n${top.rationale}${top.verification ? `\n\n**How we will know it worked:** ${top.verification.description}.` : ''}`
            : '',
        }),
        entry: {
          type: INCIDENT_EVENT_TYPES.recommended,
          message: top
            ? `Recommended: ${top.title} (${top.risk} risk${top.approvalPolicy === 'auto' ? ', needs no approval' : `, waiting for ${approvers} to approve`}).` +
              (rows.length > 1 ? ` ${rows.length - 1} alternative(s) listed.` : '')
            : 'No action can be recommended yet.',
          actor: SYSTEM_ACTOR,
          status,
          event: { type: INCIDENT_EVENT_TYPES.recommended, payload: () => ({ actions: rows.map(actionView) }) },
          also: async (manager) => {
            // Earlier proposals that never ran are replaced by these.
            await manager.update(
              IncidentAction,
              { tenantId: step.tenantId, incidentId: incident.id, status: In(['proposed', 'awaiting_approval']) },
              { status: 'superseded' },
            );
            await manager.save(rows);
          },
        },
      };
    });
  }

  async execute(step: LifecycleStep, actionId: string, gates: GateOutputs[]): Promise<Record<string, unknown>> {
    return this.once(step, async (incident) => {
      const action = await this.actions.findOne({
        where: { tenantId: step.tenantId, incidentId: incident.id, id: actionId },
      });
      if (!action) throw new LifecycleRefusal(`Incident ${incident.id} has no action ${actionId}.`);
      const approved = gates.filter((gate) => gate.approved === true);
      // Defence in depth: a change never runs unless one of the gates approved it.
      if (action.approvalPolicy !== 'auto' && approved.length === 0) {
        throw new LifecycleRefusal(`“${action.title}” needs approval (${action.approvalPolicy}) and was not approved.`);
      }
      const approvedBy = [...new Set(approved.flatMap((gate) => gate.approvers ?? []))];
      const result = await this.runner.run(
        { tenantId: step.tenantId, signal: step.signal },
        action.action,
        `incident-action:${action.id}`,
      );
      action.status = 'executed';
      action.result = result;
      action.approvedBy = approvedBy;
      return {
        output: { actionId: action.id, result: { ...result } },
        entry: {
          type: INCIDENT_EVENT_TYPES.actionExecuted,
          message: `Carried out “${action.title}”${approvedBy.length ? `, approved by ${approvedBy.join(' and ')}` : ''}: ${result.message}`,
          actor: SYSTEM_ACTOR,
          status: action.verification ? 'verifying' : 'executing',
          event: { type: INCIDENT_EVENT_TYPES.actionExecuted, payload: () => ({ ...actionView(action) }) },
          also: async (manager) => {
            await manager.save(action);
          },
        },
      };
    });
  }

  /** Throws (so the engine retries with backoff) until the check passes; fails the incident on the last attempt. */
  async verify(
    step: LifecycleStep & { attempt: number; attempts: number },
    actionId: string,
  ): Promise<Record<string, unknown>> {
    return this.once(step, async (incident) => {
      const action = await this.actions.findOne({
        where: { tenantId: step.tenantId, incidentId: incident.id, id: actionId },
      });
      if (!action) throw new LifecycleRefusal(`Incident ${incident.id} has no action ${actionId}.`);
      if (!action.verification) {
        return {
          output: { passed: true, value: null },
          entry: {
            type: INCIDENT_EVENT_TYPES.verification,
            message: 'Nothing to verify for this action.',
            actor: SYSTEM_ACTOR,
          },
        };
      }
      const reading = await this.runner.verify({ tenantId: step.tenantId, signal: step.signal }, action.verification);
      const payload = {
        passed: reading.passed,
        value: reading.value,
        threshold: action.verification.threshold,
        attempt: step.attempt,
      };
      if (!reading.passed) {
        const last = step.attempt >= step.attempts;
        await this.journal.record(step.tenantId, incident.id, {
          type: INCIDENT_EVENT_TYPES.verification,
          message: `Verification attempt ${step.attempt} of ${step.attempts}: not yet. ${reading.message}${last ? ' Giving up.' : ' Trying again shortly.'}`,
          actor: SYSTEM_ACTOR,
          ...(last ? { status: 'failed' as const } : {}),
          event: { type: INCIDENT_EVENT_TYPES.verification, payload },
          also: async (manager) => {
            if (last) await manager.update(IncidentAction, { id: action.id }, { status: 'failed' });
          },
        });
        throw new Error(`Verification has not passed yet: ${reading.message}`);
      }
      return {
        output: { passed: true, value: reading.value },
        entry: {
          type: INCIDENT_EVENT_TYPES.verification,
          message: `Verification passed: ${action.verification.description}. ${reading.message}`,
          actor: SYSTEM_ACTOR,
          status: 'verifying',
          event: { type: INCIDENT_EVENT_TYPES.verification, payload },
          also: async (manager) => {
            await manager.update(IncidentAction, { id: action.id }, { status: 'verified' });
          },
        },
      };
    });
  }

  async summarise(step: LifecycleStep, verified: boolean): Promise<Record<string, unknown>> {
    return this.once(step, async (incident) => {
      const status: IncidentStatus = verified ? 'resolved' : 'failed';
      const detail = await this.reader.detail(step.tenantId, incident.id);
      const summary = writeIncidentSummary({
        ...detail,
        status,
        resolvedAt: verified ? new Date().toISOString() : null,
      });
      const note = verified
        ? `Resolved by TrustOps: ${detail.rootCause ?? 'cause not determined'}`
        : `Not resolved automatically: ${detail.rootCause ?? 'cause not determined'}`;
      const filed = detail.evidence.find(
        (item) => item.kind === 'ticket' && (item.data as Record<string, unknown>)[FILED_BY_TRUSTOPS] === true,
      );
      const ticketKey = filed ? String((filed.data as { key: unknown }).key) : null;
      const pageIds = detail.evidence
        .filter((item) => item.kind === 'pager')
        .map((item) => (item.data as { id: string }).id);
      await this.communications.close(
        { tenantId: step.tenantId, signal: step.signal },
        incident,
        { ticketKey, pageIds: [...new Set(pageIds)] },
        verified,
        note,
      );
      return {
        output: { status, summaryLength: summary.length },
        entry: {
          type: INCIDENT_EVENT_TYPES.summarised,
          message: verified
            ? 'Incident resolved; the post-incident summary is ready.'
            : 'The post-incident summary is ready; the incident still needs attention.',
          actor: SYSTEM_ACTOR,
          status,
          event: { type: INCIDENT_EVENT_TYPES.summarised, payload: { status } },
          also: (_manager, locked) => {
            locked.summary = summary;
            return Promise.resolve();
          },
        },
      };
    });
  }

  /**
   * Runs a step's work once per (run, step): a redelivery returns the stored output. `work`
   * returns the output and the journal entry; both are committed together. Outputs and event
   * payloads may be functions, called after `also` ran (when generated ids exist).
   */
  private async once(
    step: LifecycleStep,
    work: (incident: Incident) => Promise<{
      output: Record<string, unknown> | (() => Record<string, unknown>);
      entry: JournalEntry;
    }>,
  ): Promise<Record<string, unknown>> {
    const key = `${step.runId}:${step.stepId}`;
    const incident = await this.incidents.findOne({ where: { tenantId: step.tenantId, id: step.incidentId } });
    if (!incident) throw new LifecycleRefusal(`There is no incident ${step.incidentId}.`);
    const done = incident.stepOutputs[key];
    if (done) return done;
    const { output, entry } = await work(incident);
    let resolved: Record<string, unknown> = {};
    const recorded = await this.journal.record(step.tenantId, incident.id, {
      ...entry,
      // Two deliveries of the same step racing: the second finds the first's output under the lock.
      alreadyDone: (locked) => locked.stepOutputs[key] !== undefined,
      also: async (manager, locked) => {
        await entry.also?.(manager, locked);
        resolved = typeof output === 'function' ? output() : output;
        locked.stepOutputs = { ...locked.stepOutputs, [key]: resolved };
      },
    });
    if (recorded) return resolved;
    const winner = await this.incidents.findOneOrFail({ where: { tenantId: step.tenantId, id: step.incidentId } });
    return winner.stepOutputs[key] ?? resolved;
  }
}
