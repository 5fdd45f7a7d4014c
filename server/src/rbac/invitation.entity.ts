import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';
import { Tenant } from '../tenancy/tenant.entity.js';

/**
 * An invitation to join a tenant with a role, answered by whoever signs in with that email. At
 * most one is open (unanswered) per tenant and email, whatever its letter case: the partial
 * expression indexes below are written by hand in the migration `CreateInvitations`.
 */
@Entity('invitations')
@Index('ux_invitations_open_tenant_id_email', { synchronize: false })
@Index('ix_invitations_open_email', { synchronize: false })
export class Invitation extends TenantOwnedEntity {
  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** As the admin typed it, trimmed; compared in lower case. */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  /** Built-in role name or custom role key of the tenant. */
  @Column({ type: 'varchar', length: 63 })
  role!: string;

  @Column('uuid')
  invitedById!: string;

  /** The inviter's name when they sent it, as the invited person is told. */
  @Column({ type: 'varchar', length: 200 })
  invitedByName!: string;

  /** When it was last sent: inviting the same email again renews it. */
  @Column({ type: 'timestamptz' })
  invitedAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  declinedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Who accepted or declined it. */
  @Column({ type: 'uuid', nullable: true })
  answeredById!: string | null;
}
