import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';

/** One line of an incident's timeline: every lifecycle transition and every person's action. */
@Entity('incident_timeline_entries')
@Index(['incidentId', 'createdAt'])
export class IncidentTimelineEntry extends TenantOwnedEntity {
  @Column({ type: 'uuid' })
  incidentId!: string;

  @Column({ type: 'varchar', length: 60 })
  type!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  actorName!: string;
}
