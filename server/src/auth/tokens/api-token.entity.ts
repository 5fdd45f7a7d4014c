import type { Permission } from '@trustops/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantOwnedEntity } from '../../platform/database/base.entity.js';
import { User } from '../users/user.entity.js';

/** A personal API token: acts as its owner, in one tenant, with at most the permissions listed. */
@Entity('api_tokens')
export class ApiToken extends TenantOwnedEntity {
  @Index()
  @Column('uuid')
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ type: 'varchar', length: 24 })
  hint!: string;

  @Column({ type: 'text', array: true })
  permissions!: Permission[];

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
