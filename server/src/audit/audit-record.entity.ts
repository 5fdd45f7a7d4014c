import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';
import type { AuditActorType, AuditOutcome } from './audit.types.js';
import type { JsonValue } from './canonical-json.js';

// pg returns bigint as a string; a tenant will not reach 2^53 audit records.
const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * One entry of a tenant's tamper-evident audit trail. Append-only: the database refuses UPDATE,
 * DELETE and TRUNCATE on the table, and rows are only ever written through the `audit_append`
 * function (see the CreateAuditRecords migration), which chains them per tenant.
 *
 * Not a `TenantOwnedEntity`: an immutable row has no `updatedAt`, and `occurredAt` is part of the
 * hashed content, so it cannot be a database default.
 */
@Entity('audit_records')
// Named as the SnakeNamingStrategy would name them, but spelled out so the hand-written trigger
// migration cannot drift from the entity if the strategy changes.
@Index('ix_audit_records_tenant_id_sequence', ['tenantId', 'sequence'], { unique: true })
@Index('ix_audit_records_tenant_id_occurred_at', ['tenantId', 'occurredAt'])
@Index('ix_audit_records_tenant_id_actor_user_id_sequence', ['tenantId', 'actorUserId', 'sequence'])
@Index('ix_audit_records_tenant_id_action_sequence', ['tenantId', 'action', 'sequence'])
@Index('ix_audit_records_tenant_id_resource_type_resource_id_sequence', [
  'tenantId',
  'resourceType',
  'resourceId',
  'sequence',
])
export class AuditRecord {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_audit_records' })
  id!: string;

  @Column('uuid')
  tenantId!: string;

  /** 1, 2, 3, … per tenant, without gaps. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  sequence!: number;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  actorType!: AuditActorType;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actorDisplayName!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  actorRole!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actorIp!: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  actorUserAgent!: string | null;

  /** `<resource>.<past-tense verb>`, e.g. `role.granted`. */
  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ type: 'varchar', length: 100 })
  resourceType!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  resourceId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome!: AuditOutcome;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** The `X-Request-ID` of the request that caused it (up to 128 characters). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  /** Redacted summary of the state before the action. */
  @Column({ type: 'jsonb', nullable: true })
  before!: JsonValue | null;

  /** Redacted summary of the state after the action. */
  @Column({ type: 'jsonb', nullable: true })
  after!: JsonValue | null;

  /** The previous record's `hash`; null for a tenant's first record. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  previousHash!: string | null;

  /** SHA-256 (hex) of the canonical JSON of this record's content, `previousHash` and `sequence`. */
  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
