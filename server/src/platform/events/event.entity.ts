import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';
import type { EventEnvelope } from '@trustops/contracts';

// pg returns bigint as a string; a stream will not reach 2^53 events.
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One event of one stream (`run:<id>`, `incident:<id>`, `batch:<id>`, `inbox`), numbered
 * 1, 2, 3, … without gaps within (tenant, stream). Rows are only written through
 * `EventsService.append`, which takes the next number from `EventStreamHead`.
 *
 * Not a `TenantOwnedEntity`: an event is immutable (no `updatedAt`) and `ts` is its time.
 */
@Entity('events')
// Also the index that serves "everything after seq N" reads.
@Index('ix_events_tenant_id_stream_seq', ['tenantId', 'stream', 'seq'], { unique: true })
export class EventRecord {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_events' })
  id!: string;

  @Column('uuid')
  tenantId!: string;

  /** The stream key (see `eventStreamKey`). */
  @Column({ type: 'varchar', length: 100 })
  stream!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'uuid', nullable: true })
  runId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  incidentId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  batchId!: string | null;

  @Column({ type: 'jsonb' })
  actor!: EventEnvelope['actor'];

  /** The module that emitted it. */
  @Column({ type: 'varchar', length: 50 })
  source!: string;

  @Column({ type: 'timestamptz' })
  ts!: Date;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;
}
