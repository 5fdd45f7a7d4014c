import { Injectable } from '@nestjs/common';
import {
  INCIDENT_EVENT_TYPES,
  INCIDENT_LIST_EVENT_TYPES,
  type ActorSummary,
  type EventStream,
  type IncidentStatus,
  type LiveEventMessage,
  type TimelineEntryView,
} from '@trustops/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { EventsService } from '../platform/events/index.js';
import { IncidentFinding } from './incident-finding.entity.js';
import { IncidentTimelineEntry } from './incident-timeline-entry.entity.js';
import { incidentSummaryView } from './incident-views.js';
import { Incident } from './incident.entity.js';

/** Who did something to an incident: a person, or the platform (`userId` null). */
export type IncidentActor = ActorSummary;

export const SYSTEM_ACTOR: IncidentActor = { userId: null, displayName: 'TrustOps' };

export interface JournalEntry {
  /** The timeline entry's type, e.g. `incident.diagnosed`. */
  type: string;
  message: string;
  actor: IncidentActor;
  /** Moves the incident to this status in the same transaction. */
  status?: IncidentStatus;
  /**
   * A domain event to append before the timeline event (`incident.diagnosed` with the finding,
   * ...). A payload function is called after `also`, when the rows it saved have their ids.
   */
  event?: { type: string; payload: Record<string, unknown> | ((incident: Incident) => Record<string, unknown>) };
  /** Other changes to make in the same transaction (saving findings, actions, ...); `incident` is locked and saved afterwards. */
  also?: (manager: EntityManager, incident: Incident) => Promise<void>;
  /** Checked first, under the incident's lock: true records nothing (the transition already happened). */
  alreadyDone?: (incident: Incident) => boolean;
}

export function timelineView(entry: IncidentTimelineEntry): TimelineEntryView {
  return {
    id: entry.id,
    at: entry.createdAt.toISOString(),
    type: entry.type,
    message: entry.message,
    actor: { userId: entry.actorUserId, displayName: entry.actorName },
  };
}

/** Timeline entries whose event changes what the dashboard lists (besides any change of status). */
const LISTED_EVENTS: ReadonlySet<string> = new Set([
  INCIDENT_EVENT_TYPES.reported,
  INCIDENT_EVENT_TYPES.classified,
  INCIDENT_EVENT_TYPES.diagnosed,
]);

/**
 * Every transition of an incident goes through here: the change, its timeline entry and its
 * events on the incident's stream are committed together, then published. So the timeline,
 * the live view and the database never disagree. A change the dashboard shows (reported, a new
 * status, classification or likely cause) is also appended to the tenant's `incidents` stream,
 * last, so that busy stream's head stays locked only until the commit.
 */
@Injectable()
export class IncidentJournal {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsService,
  ) {}

  /** Saves a newly reported incident and records its first entry, in one transaction. */
  async open(incident: Incident, entry: JournalEntry): Promise<Incident> {
    const saved = await this.commit(async (manager) => {
      const created = await manager.save(incident);
      return { incident: created, written: await this.write(manager, created, entry) };
    });
    return saved.incident;
  }

  /** Records the entry; null when `alreadyDone` said it had been recorded before. */
  async record(tenantId: string, incidentId: string, entry: JournalEntry): Promise<TimelineEntryView | null> {
    const recorded = await this.commit(async (manager) => {
      // Serialises transitions of one incident, so statuses and timeline stay in order.
      const incident = await manager.findOneOrFail(Incident, {
        where: { tenantId, id: incidentId },
        lock: { mode: 'pessimistic_write' },
      });
      return { incident, written: entry.alreadyDone?.(incident) ? null : await this.write(manager, incident, entry) };
    });
    return recorded.written?.view ?? null;
  }

  /** Runs `work` in a transaction, then publishes the events it appended. */
  private async commit<Result extends { written: Written | null }>(
    work: (manager: EntityManager) => Promise<Result>,
  ): Promise<Result> {
    const result = await this.dataSource.transaction(work);
    if (result.written) await this.events.publish(result.written.envelopes);
    return result;
  }

  private async write(manager: EntityManager, incident: Incident, entry: JournalEntry): Promise<Written> {
    const { tenantId, id: incidentId } = incident;
    await entry.also?.(manager, incident);
    const appended: LiveEventMessage[] = [];
    const actor = { type: entry.actor.userId ? ('person' as const) : ('system' as const), ...entry.actor };
    const append = async (stream: EventStream, type: string, payload: Record<string, unknown>) =>
      appended.push(
        await this.events.append({ tenantId, stream, incidentId, type, actor, source: 'incidents', payload }, manager),
      );
    const own: EventStream = { kind: 'incident', id: incidentId };
    const statusChanged = entry.status !== undefined && entry.status !== incident.status;
    if (entry.status && statusChanged) {
      const from = incident.status;
      incident.status = entry.status;
      if (entry.status === 'resolved') incident.resolvedAt = new Date();
      await append(own, INCIDENT_EVENT_TYPES.statusChanged, { from, to: entry.status });
    }
    await manager.save(incident);
    if (entry.event) {
      const { type, payload } = entry.event;
      await append(own, type, typeof payload === 'function' ? payload(incident) : payload);
    }
    const saved = await manager.save(
      manager.create(IncidentTimelineEntry, {
        tenantId,
        incidentId,
        type: entry.type,
        message: entry.message,
        actorUserId: entry.actor.userId,
        actorName: entry.actor.displayName,
      }),
    );
    const view = timelineView(saved);
    await append(own, INCIDENT_EVENT_TYPES.timeline, { ...view });
    if (statusChanged || (entry.event && LISTED_EVENTS.has(entry.event.type))) {
      const finding = await manager.findOne(IncidentFinding, { where: { tenantId, incidentId, current: true } });
      const type =
        entry.event?.type === INCIDENT_EVENT_TYPES.reported
          ? INCIDENT_LIST_EVENT_TYPES.reported
          : INCIDENT_LIST_EVENT_TYPES.updated;
      await append({ kind: 'incidents', id: tenantId }, type, { ...incidentSummaryView(incident, finding) });
    }
    return { view, envelopes: appended };
  }
}

interface Written {
  view: TimelineEntryView;
  envelopes: LiveEventMessage[];
}
