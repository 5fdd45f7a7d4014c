import type { DiagnosisEngine } from '@trustops/contracts';
import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';
import type { DiagnosisSubject } from './diagnosis/evidence-set.js';

/** A diagnosis: the root cause, how sure the engine is, and the evidence it rests on. */
@Entity('incident_findings')
@Index(['incidentId', 'createdAt'])
export class IncidentFinding extends TenantOwnedEntity {
  @Column({ type: 'uuid' })
  incidentId!: string;

  @Column({ type: 'varchar', length: 100 })
  rootCauseId!: string;

  @Column({ type: 'varchar', length: 500 })
  rootCause!: string;

  @Column({ type: 'text' })
  explanation!: string;

  @Column({ type: 'real' })
  confidence!: number;

  @Column({ type: 'jsonb' })
  evidenceIds!: string[];

  @Column({ type: 'varchar', length: 20 })
  engine!: DiagnosisEngine;

  /** False once a later diagnosis (after new evidence) replaced it. */
  @Column({ type: 'boolean', default: true })
  current!: boolean;

  @Column({ type: 'integer' })
  round!: number;

  /** What the cause is about (host, service, pool, queue, ...), for recommending actions. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  subject!: DiagnosisSubject;
}
