import type {
  ActionStatus,
  ApprovalPolicy,
  CloudActionResult,
  IntegrationAction,
  RiskLevel,
  VerificationCheck,
} from '@trustops/contracts';
import { Column, Entity, Index } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';

/** A recommended action: what would run, how risky it is, and who must approve it. */
@Entity('incident_actions')
@Index(['incidentId', 'rank'])
export class IncidentAction extends TenantOwnedEntity {
  @Column({ type: 'uuid' })
  incidentId!: string;

  @Column({ type: 'uuid', nullable: true })
  findingId!: string | null;

  @Column({ type: 'integer' })
  rank!: number;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text' })
  rationale!: string;

  @Column({ type: 'varchar', length: 10 })
  risk!: RiskLevel;

  @Column({ type: 'varchar', length: 20 })
  approvalPolicy!: ApprovalPolicy;

  @Column({ type: 'jsonb' })
  action!: IntegrationAction;

  @Column({ type: 'jsonb', nullable: true })
  verification!: VerificationCheck | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  runbookId!: string | null;

  @Column({ type: 'varchar', length: 30 })
  status!: ActionStatus;

  @Column({ type: 'jsonb', nullable: true })
  result!: CloudActionResult | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  approvedBy!: string[];

  @Column({ type: 'integer' })
  round!: number;
}
