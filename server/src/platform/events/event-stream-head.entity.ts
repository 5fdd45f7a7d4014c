import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './event.entity.js';

/**
 * The last `seq` handed out in one stream. `EventsService.append` bumps it with
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING`, whose row lock is held until the appending
 * transaction ends: a second writer of the same stream waits, so numbers have no gaps (a rolled
 * back append gives its number back) and seq N+1 can never be committed before seq N.
 */
@Entity('event_stream_heads')
export class EventStreamHead {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_event_stream_heads' })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_event_stream_heads' })
  stream!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  lastSeq!: number;
}
