import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { IncidentDetail, IncidentSummaryView } from '@trustops/contracts';
import { In, type Repository } from 'typeorm';
import { EventsService } from '../platform/events/index.js';
import { IncidentAction } from './incident-action.entity.js';
import { IncidentEvidence } from './incident-evidence.entity.js';
import { IncidentFinding } from './incident-finding.entity.js';
import { timelineView } from './incident-journal.js';
import { IncidentTimelineEntry } from './incident-timeline-entry.entity.js';
import { actionView, evidenceView, findingView, incidentSummaryView } from './incident-views.js';
import { Incident } from './incident.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads incidents of one tenant as the API shows them; another tenant's incident is a 404. */
@Injectable()
export class IncidentReader {
  constructor(
    @InjectRepository(Incident) private readonly incidents: Repository<Incident>,
    @InjectRepository(IncidentEvidence) private readonly evidence: Repository<IncidentEvidence>,
    @InjectRepository(IncidentFinding) private readonly findings: Repository<IncidentFinding>,
    @InjectRepository(IncidentAction) private readonly actions: Repository<IncidentAction>,
    @InjectRepository(IncidentTimelineEntry) private readonly timeline: Repository<IncidentTimelineEntry>,
    private readonly events: EventsService,
  ) {}

  async find(tenantId: string, id: string): Promise<Incident> {
    const incident = UUID.test(id) ? await this.incidents.findOne({ where: { tenantId, id } }) : null;
    if (!incident) throw new NotFoundException(`There is no incident with id ${id}.`);
    return incident;
  }

  async exists(tenantId: string, id: string): Promise<boolean> {
    return UUID.test(id) && (await this.incidents.count({ where: { tenantId, id } })) > 0;
  }

  async list(tenantId: string, limit = 100): Promise<IncidentSummaryView[]> {
    const incidents = await this.incidents.find({ where: { tenantId }, order: { createdAt: 'DESC' }, take: limit });
    const findings = incidents.length
      ? await this.findings.find({
          where: { tenantId, incidentId: In(incidents.map((incident) => incident.id)), current: true },
        })
      : [];
    return incidents.map((incident) =>
      incidentSummaryView(incident, findings.find((finding) => finding.incidentId === incident.id) ?? null),
    );
  }

  async detail(tenantId: string, id: string): Promise<IncidentDetail> {
    const incident = await this.find(tenantId, id);
    const where = { tenantId, incidentId: id };
    const [evidence, findings, actions, timeline, lastSeq] = await Promise.all([
      this.evidence.find({ where, order: { createdAt: 'ASC' } }),
      this.findings.find({ where, order: { createdAt: 'ASC' } }),
      this.actions.find({ where, order: { round: 'DESC', rank: 'ASC' } }),
      this.timeline.find({ where, order: { createdAt: 'ASC' } }),
      this.events.lastSeq(tenantId, { kind: 'incident', id }),
    ]);
    const current = findings.find((finding) => finding.current) ?? null;
    return {
      ...incidentSummaryView(incident, current),
      timeline: timeline.map(timelineView),
      evidence: evidence.map(evidenceView),
      findings: findings.map(findingView),
      actions: actions.map(actionView),
      summary: incident.summary,
      lastSeq,
    };
  }
}
