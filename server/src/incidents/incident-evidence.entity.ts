import type { EvidenceKind, IntegrationName } from '@trustops/contracts';
import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';

/** One thing gathered about an incident: an alert, a metric series snapshot, logs, a deployment, a host's health, a note. */
@Entity('incident_evidence')
@Index(['incidentId', 'createdAt'])
export class IncidentEvidence extends TenantOwnedEntity {
  @Column({ type: 'uuid' })
  incidentId!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: EvidenceKind;

  @Column({ type: 'varchar', length: 20 })
  source!: IntegrationName | 'operator';

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  /** The integration's answer as it was when gathered (`Alert`, `MetricSeries`, `LogEntry[]`, ...). */
  @Column({ type: 'jsonb' })
  data!: unknown;

  @Column({ type: 'integer' })
  round!: number;
}
