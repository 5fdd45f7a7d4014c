import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity.js';

/**
 * A server-side browser session. The cookie holds a random secret; this row is keyed by its
 * SHA-256, so a copy of the table cannot be replayed as cookies.
 */
@Entity('sessions')
export class Session {
  /** SHA-256 (hex) of the cookie's secret. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  /** Null until sign-in completes (the row then only holds the login's PKCE, state and nonce). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'uuid', nullable: true })
  activeTenantId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  data!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  csrfToken!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  /** The absolute limit: past it the session ends however active it is. */
  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
