import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventEnvelope, EventStream, LiveEventMessage } from '@trustops/contracts';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import { SqlParameters } from '../database/statement-batch.js';
import { EventBus } from './event-bus.js';
import { preparePayload } from './event-payload.js';
import { eventStreamKey, parseEventStream } from './event-stream-key.js';
import { EventRecord } from './event.entity.js';
import type { PublishedEvent } from './published-event.js';

export interface NewEvent {
  tenantId: string;
  stream: EventStream;
  type: string;
  runId?: string;
  incidentId?: string;
  batchId?: string;
  actor: EventEnvelope['actor'];
  source: string;
  payload: Record<string, unknown>;
}

/**
 * Writes of the caller's (UPDATE/INSERT statements without a WITH of their own) that
 * `appendMany` runs in the same statement as the events: one round trip. `sql` is what placed
 * their values; the events' values are placed with it too, so the statement is of one kind.
 */
export interface AlongsideChanges {
  statements: string[];
  sql: SqlParameters;
}

/** An append written out but not yet run: its statement, and what its rows mean. */
export interface PreparedAppend {
  sql: string;
  parameters: unknown[];
  envelopes(rows: ReadonlyArray<AppendedRow & { id: string }>): LiveEventMessage[];
}

/** The most events one `list` call returns. */
export const MAX_EVENTS_PER_READ = 1000;

interface AppendedRow {
  seq: string;
  ts: Date;
}

/**
 * The event log (ARCHITECTURE.md, "Event"): append to the `events` table first, in the same
 * transaction as the state change it describes, then publish after commit.
 *
 * `seq` comes from the stream's `event_stream_heads` row, bumped in the same statement that
 * inserts the event. The bump's row lock is held until the appending transaction ends, so
 * concurrent writers of one stream queue up: numbers have no gaps and N+1 is never visible
 * before N. A transaction that appends to several streams should do so in a fixed order
 * (e.g. run before inbox) so two of them cannot deadlock.
 */
@Injectable()
export class EventsService {
  private readonly logger = new Logger(EventsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: EventBus,
  ) {}

  /**
   * Appends one event, in `manager`'s transaction when given (commit it, then `publish`), or
   * else on its own. The result carries its `stream`, which `publish` needs.
   */
  async append(event: NewEvent, manager?: EntityManager): Promise<LiveEventMessage> {
    const stream = checkedStream(event);
    const payload = preparePayload(event.payload, event.type);
    const id = randomUUID();
    const key = eventStreamKey(event.tenantId, stream);
    const rows: AppendedRow[] = await (manager ?? this.dataSource.manager).query(
      `WITH head AS (
         INSERT INTO "event_stream_heads" AS h ("tenant_id", "stream", "last_seq") VALUES ($2, $3, 1)
         ON CONFLICT ("tenant_id", "stream") DO UPDATE SET "last_seq" = h."last_seq" + 1
         RETURNING h."last_seq"
       )
       INSERT INTO "events" ("id", "tenant_id", "stream", "seq", "type", "run_id", "incident_id", "batch_id", "actor", "source", "ts", "payload")
       SELECT $1, $2, $3, head."last_seq", $4, $5, $6, $7, $8, $9, clock_timestamp(), $10 FROM head
       RETURNING "seq", "ts"`,
      [
        id,
        event.tenantId,
        key,
        event.type,
        event.runId ?? null,
        event.incidentId ?? null,
        event.batchId ?? null,
        JSON.stringify(event.actor),
        event.source,
        JSON.stringify(payload),
      ],
    );
    const row = rows[0];
    if (!row) throw new Error(`Appending a ${event.type} event returned no row`);
    return {
      id,
      seq: Number(row.seq),
      type: event.type,
      tenantId: event.tenantId,
      runId: event.runId ?? null,
      incidentId: event.incidentId ?? null,
      batchId: event.batchId ?? null,
      actor: event.actor,
      source: event.source,
      ts: new Date(row.ts).toISOString(),
      payload,
      stream,
    };
  }

  /**
   * Appends several events in `manager`'s transaction in one statement, whatever their streams:
   * each stream's head is bumped once by its count (heads in the order of their stream's first
   * event, which is the order their row locks are taken), and each stream's events take the
   * numbers after it in the order given. Same guarantees as `append`.
   */
  async appendMany(
    events: readonly NewEvent[],
    manager: EntityManager,
    alongside?: AlongsideChanges,
  ): Promise<LiveEventMessage[]> {
    if (events.length === 0) {
      if (alongside && alongside.statements.length > 0)
        throw new Error('appendMany needs at least one event to write changes alongside.');
      return [];
    }
    const append = this.prepareAppend(events, alongside);
    return append.envelopes(await manager.query(append.sql, append.parameters));
  }

  /**
   * The statement `appendMany` runs, for a caller that sends it itself (in one message with
   * others, see StatementBatch); `envelopes` turns the rows it returned into the events appended.
   */
  prepareAppend(events: readonly NewEvent[], alongside?: AlongsideChanges): PreparedAppend {
    // With changes alongside, no event is fine: the statement's text is the same either way.
    if (events.length === 0 && !alongside) throw new Error('There are no events to append.');
    const streams = new Map<string, { tenantId: string; key: string; stream: EventStream; count: number }>();
    const rows = events.map((event) => {
      const stream = checkedStream(event);
      const key = eventStreamKey(event.tenantId, stream);
      const head = streams.get(`${event.tenantId} ${key}`) ?? { tenantId: event.tenantId, key, stream, count: 0 };
      head.count += 1;
      streams.set(`${event.tenantId} ${key}`, head);
      return {
        id: randomUUID(),
        event,
        head,
        position: head.count,
        payload: preparePayload(event.payload, event.type),
      };
    });
    // The caller's own changes run first, as data-modifying WITH queries. The heads and the
    // events travel as one JSON array of records each (see updateFromRecords in runs).
    const parameters = alongside?.sql ?? SqlParameters.numbered();
    const changes = (alongside?.statements ?? []).map((statement, index) => `change_${index} AS (${statement}), `);
    const heads = [...streams.values()].map((head) => ({
      tenant_id: head.tenantId,
      stream: head.key,
      last_seq: head.count,
    }));
    const records = rows.map((row) => ({
      id: row.id,
      tenant_id: row.event.tenantId,
      stream: row.head.key,
      seq_offset: row.position - row.head.count,
      type: row.event.type,
      run_id: row.event.runId ?? null,
      incident_id: row.event.incidentId ?? null,
      batch_id: row.event.batchId ?? null,
      actor: row.event.actor,
      source: row.event.source,
      payload: row.payload,
    }));
    const sql = `WITH ${changes.join('')}head AS (
         INSERT INTO "event_stream_heads" AS h ("tenant_id", "stream", "last_seq")
         SELECT n.tenant_id, n.stream, n.last_seq
           FROM jsonb_to_recordset(${parameters.place(JSON.stringify(heads), 'jsonb')}) AS n (tenant_id uuid, stream text, last_seq int)
         ON CONFLICT ("tenant_id", "stream") DO UPDATE SET "last_seq" = h."last_seq" + EXCLUDED."last_seq"
         RETURNING h."tenant_id", h."stream", h."last_seq"
       )
       INSERT INTO "events" ("id", "tenant_id", "stream", "seq", "type", "run_id", "incident_id", "batch_id", "actor", "source", "ts", "payload")
       SELECT e.id, e.tenant_id, e.stream, head."last_seq" + e.seq_offset, e.type, e.run_id, e.incident_id, e.batch_id, e.actor, e.source, clock_timestamp(), e.payload
       FROM jsonb_to_recordset(${parameters.place(JSON.stringify(records), 'jsonb')})
         AS e (id uuid, tenant_id uuid, stream text, seq_offset int, type text, run_id uuid, incident_id uuid, batch_id uuid, actor jsonb, source text, payload jsonb)
       JOIN head ON head."tenant_id" = e.tenant_id AND head."stream" = e.stream
       RETURNING "id", "seq", "ts"`;
    const envelopes = (appended: ReadonlyArray<AppendedRow & { id: string }>): LiveEventMessage[] => {
      const byId = new Map(appended.map((row) => [row.id, row]));
      return rows.map((row) => {
        const stored = byId.get(row.id);
        if (!stored) throw new Error(`Appending a ${row.event.type} event returned no row`);
        const { event } = row;
        return {
          id: row.id,
          seq: Number(stored.seq),
          type: event.type,
          tenantId: event.tenantId,
          runId: event.runId ?? null,
          incidentId: event.incidentId ?? null,
          batchId: event.batchId ?? null,
          actor: event.actor,
          source: event.source,
          ts: new Date(stored.ts).toISOString(),
          payload: row.payload,
          stream: row.head.stream,
        };
      });
    };
    return { sql, parameters: parameters.values, envelopes };
  }

  /**
   * Sends committed events to every API instance's subscribers. Call after the commit. A failure
   * is logged, not thrown: the events are safe in the table, and subscribers fill any gap from
   * it when the next event of the stream arrives or when they resubscribe.
   */
  async publish(envelopes: EventEnvelope[]): Promise<void> {
    const messages: PublishedEvent[] = envelopes.map((envelope) => {
      const stream = (envelope as Partial<LiveEventMessage>).stream;
      if (!stream)
        throw new Error('EventsService.publish takes the envelopes that append returned (they carry their stream).');
      return { key: eventStreamKey(envelope.tenantId, stream), event: { ...envelope, stream } };
    });
    try {
      await this.bus.publish(messages);
    } catch (error) {
      this.logger.warn(
        `Publishing ${messages.length} event(s) failed; subscribers will catch up from the table: ${(error as Error).message}`,
      );
    }
  }

  /** Appends on its own (one statement, so one transaction) and publishes. */
  async emit(event: NewEvent): Promise<LiveEventMessage> {
    const envelope = await this.append(event);
    await this.publish([envelope]);
    return envelope;
  }

  /** The stream's events after `afterSeq`, oldest first, at most `limit` (≤ MAX_EVENTS_PER_READ). */
  async list(
    tenantId: string,
    stream: EventStream,
    afterSeq: number,
    limit = MAX_EVENTS_PER_READ,
  ): Promise<LiveEventMessage[]> {
    const records = await this.dataSource.getRepository(EventRecord).find({
      where: { tenantId, stream: eventStreamKey(tenantId, stream), seq: MoreThan(Math.max(0, Math.floor(afterSeq))) },
      order: { seq: 'ASC' },
      take: Math.max(1, Math.min(Math.floor(limit), MAX_EVENTS_PER_READ)),
    });
    return records.map((record) => toEnvelope(record, stream));
  }

  /** The stream's latest `seq`, 0 when it has none. */
  async lastSeq(tenantId: string, stream: EventStream): Promise<number> {
    const rows: Array<{ last_seq: string }> = await this.dataSource.query(
      `SELECT "last_seq" FROM "event_stream_heads" WHERE "tenant_id" = $1 AND "stream" = $2`,
      [tenantId, eventStreamKey(tenantId, stream)],
    );
    return rows[0] ? Number(rows[0].last_seq) : 0;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Programming mistakes in an append are thrown at once, with what is wrong. */
function checkedStream(event: NewEvent): EventStream {
  if (!UUID.test(event.tenantId)) throw new Error(`An event needs its tenant's id (a UUID), not "${event.tenantId}".`);
  if (!/^[a-z][a-z0-9_.-]{0,99}$/.test(event.type))
    throw new Error(`"${event.type}" is not an event type (lower-case words joined by dots, at most 100 characters).`);
  if (!/^[a-z][a-z0-9_-]{0,49}$/.test(event.source))
    throw new Error(`"${event.source}" is not an event source (a module name).`);
  const stream = parseEventStream(event.stream);
  if (typeof stream === 'string') throw new Error(stream);
  return stream;
}

function toEnvelope(record: EventRecord, stream: EventStream): LiveEventMessage {
  return {
    id: record.id,
    seq: record.seq,
    type: record.type,
    tenantId: record.tenantId,
    runId: record.runId,
    incidentId: record.incidentId,
    batchId: record.batchId,
    actor: record.actor,
    source: record.source,
    ts: record.ts.toISOString(),
    payload: record.payload,
    stream,
  };
}
