import { Injectable } from '@nestjs/common';
import {
  INCIDENT_EVENT_TYPES,
  type ActorSummary,
  type IncidentStatus,
  type TimelineEntryView,
} from '@trustops/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { EventsService } from '../platform/events/index.js';
import type { LiveEventMessage } from '@trustops/contracts';
import { Incident } from './incident.entity.js';
import { IncidentTimelineEntry } from './incident-timeline-entry.entity.js';

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
  event?: { type: string; payload: Record<string, unknown> | (() => Record<string, unknown>) };
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

/**
 * Every transition of an incident goes through here: the change, its timeline entry and its
 * events on the incident's stream are committed together, then published. So the timeline,
 * the live view and the database never disagree.
 */
@Injectable()
export class IncidentJournal {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventsService,
  ) {}

  /** Records the entry; null when `alreadyDone` said it had been recorded before. */
  async record(tenantId: string, incidentId: string, entry: JournalEntry): Promise<TimelineEntryView | null> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      // Serialises transitions of one incident, so statuses and timeline stay in order.
      const incident = await manager.findOneOrFail(Incident, {
        where: { tenantId, id: incidentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (entry.alreadyDone?.(incident)) return null;
      await entry.also?.(manager, incident);
      const appended: LiveEventMessage[] = [];
      const actor = { type: entry.actor.userId ? ('person' as const) : ('system' as const), ...entry.actor };
      const append = async (type: string, payload: Record<string, unknown>) =>
        appended.push(
          await this.events.append(
            {
              tenantId,
              stream: { kind: 'incident', id: incidentId },
              incidentId,
              type,
              actor,
              source: 'incidents',
              payload,
            },
            manager,
          ),
        );
      if (entry.status && entry.status !== incident.status) {
        const from = incident.status;
        incident.status = entry.status;
        if (entry.status === 'resolved') incident.resolvedAt = new Date();
        await append(INCIDENT_EVENT_TYPES.statusChanged, { from, to: entry.status });
      }
      await manager.save(incident);
      if (entry.event) {
        const { type, payload } = entry.event;
        await append(type, typeof payload === 'function' ? payload() : payload);
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
      await append(INCIDENT_EVENT_TYPES.timeline, { ...view });
      return { view, envelopes: appended };
    });
    if (!recorded) return null;
    await this.events.publish(recorded.envelopes);
    return recorded.view;
  }
}
