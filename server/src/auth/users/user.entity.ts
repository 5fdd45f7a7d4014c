import type { UserStatus } from '@trustops/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * A person known from an identity provider, created at their first sign-in. People span tenants
 * (membership is per tenant), so this is one of the few rows without a `tenantId`.
 */
@Entity('users')
@Unique(['issuer', 'subject'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The identity provider's issuer URL. */
  @Column({ type: 'varchar', length: 500 })
  issuer!: string;

  /** `sub` at that issuer (CIS2: the UUID, equal to `nhsid_useruid`). */
  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: UserStatus;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
