import type { DiagnosisEngine, IncidentCategory, IncidentSeverity, IncidentStatus } from '@trustops/contracts';
import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';

/** A problem someone reported in plain English, moved through its lifecycle by the `incidents-lifecycle` run. */
@Entity('incidents')
@Index(['tenantId', 'createdAt'])
export class Incident extends TenantOwnedEntity {
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 30 })
  status!: IncidentStatus;

  @Column({ type: 'varchar', length: 10 })
  severity!: IncidentSeverity;

  @Column({ type: 'varchar', length: 30 })
  category!: IncidentCategory;

  @Column({ type: 'varchar', length: 200, nullable: true })
  service!: string | null;

  /** The mock scenario active when it was reported (what `mock` integrations answered from). */
  @Column({ type: 'varchar', length: 100 })
  scenario!: string;

  @Column({ type: 'varchar', length: 20 })
  engine!: DiagnosisEngine;

  /** The lifecycle run (idempotency key = this incident's id). */
  @Column({ type: 'uuid', nullable: true })
  runId!: string | null;

  /** How many times evidence was gathered and diagnosed (1 after the first pass). */
  @Column({ type: 'integer', default: 0 })
  round!: number;

  @Column({ type: 'uuid', nullable: true })
  reportedByUserId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  reportedByName!: string;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /**
   * What each lifecycle step returned, by `<runId>:<stepId>`: a redelivered step returns the
   * same output instead of doing its work (and writing its timeline entry) twice.
   */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  stepOutputs!: Record<string, Record<string, unknown>>;
}
