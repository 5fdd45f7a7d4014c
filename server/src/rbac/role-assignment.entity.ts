import type { RoleAssignmentSource } from '@trustops/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { User } from '../auth/users/user.entity.js';
import { TenantOwnedEntity } from '../platform/database/base.entity.js';

/** A person holds a role (built-in name or custom role key) in one tenant. */
@Entity('role_assignments')
@Unique(['tenantId', 'userId', 'role'])
export class RoleAssignment extends TenantOwnedEntity {
  @Index()
  @Column('uuid')
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 63 })
  role!: string;

  /** `identity_provider` rows are replaced at every sign-in; `admin` rows stay until revoked. */
  @Column({ type: 'varchar', length: 32 })
  source!: RoleAssignmentSource;

  @Column({ type: 'uuid', nullable: true })
  assignedById!: string | null;
}
