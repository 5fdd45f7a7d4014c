import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';
import { User } from '../auth/users/user.entity.js';
import { Tenant } from './tenant.entity.js';

/** A person belongs to a tenant; what they may do there comes from their role assignments. */
@Entity('tenant_memberships')
@Unique(['tenantId', 'userId'])
export class TenantMembership extends TenantOwnedEntity {
  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Index()
  @Column('uuid')
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
