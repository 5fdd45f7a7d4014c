import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { AuthSettings } from '../auth-settings.js';
import { Session } from './session.entity.js';

/** A login that has not come back from the identity provider within this long is abandoned. */
const ANONYMOUS_LIFETIME_MS = 30 * 60_000;
/** `last_seen_at` is written at most this often, so reads do not all become writes. */
const TOUCH_INTERVAL_MS = 60_000;
const SWEEP_INTERVAL_MS = 15 * 60_000;

export interface SessionWithToken {
  session: Session;
  /** The cookie value: random secret plus its HMAC under SESSION_SECRET. */
  cookieValue: string;
}

/** Server-side sessions in PostgreSQL, with idle and absolute timeouts. */
@Injectable()
export class SessionStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionStore.name);
  private sweeper?: NodeJS.Timeout;

  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly settings: AuthSettings,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => {
      this.sweepExpired().catch((error: unknown) =>
        this.logger.warn(`Could not delete expired sessions: ${String(error)}`),
      );
    }, SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** The live session named by a cookie value, or null (unknown, forged, idle too long or past its absolute limit). */
  async load(cookieValue: string | undefined): Promise<Session | null> {
    const secret = cookieValue ? this.verify(cookieValue) : undefined;
    if (!secret) return null;
    const session = await this.sessions.findOneBy({ id: hashSecret(secret) });
    if (!session) return null;
    const now = Date.now();
    if (this.isExpired(session, now)) {
      await this.sessions.delete({ id: session.id });
      return null;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      session.lastSeenAt = new Date(now);
      await this.sessions.update({ id: session.id }, { lastSeenAt: session.lastSeenAt });
    }
    return session;
  }

  isExpired(session: Session, now = Date.now()): boolean {
    const idleLimit = session.userId ? this.settings.idleTimeoutMs : ANONYMOUS_LIFETIME_MS;
    return session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > idleLimit;
  }

  /** A new session with a new id: at sign-in (rotation) or for a login's PKCE/state before it. */
  async create(values: {
    userId: string | null;
    activeTenantId: string | null;
    data: Record<string, unknown>;
  }): Promise<SessionWithToken> {
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    const lifetime = values.userId ? this.settings.absoluteTimeoutMs : ANONYMOUS_LIFETIME_MS;
    const session = this.sessions.create({
      id: hashSecret(secret),
      userId: values.userId,
      activeTenantId: values.activeTenantId,
      data: values.data,
      csrfToken: values.userId ? randomBytes(32).toString('base64url') : null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + lifetime),
    });
    await this.sessions.insert(session as unknown as Parameters<Repository<Session>['insert']>[0]);
    return { session, cookieValue: `${secret}.${this.sign(secret)}` };
  }

  async saveData(id: string, data: Record<string, unknown>): Promise<void> {
    await this.sessions.query('UPDATE sessions SET data = $2::jsonb WHERE id = $1', [id, JSON.stringify(data)]);
  }

  async setActiveTenant(id: string, tenantId: string): Promise<void> {
    await this.sessions.update({ id }, { activeTenantId: tenantId });
  }

  async destroy(id: string): Promise<void> {
    await this.sessions.delete({ id });
  }

  /** Ends every session of a person (disabled account, removed access). */
  async destroyAllFor(userId: string): Promise<void> {
    await this.sessions.delete({ userId });
  }

  async sweepExpired(): Promise<number> {
    const now = new Date();
    const absolute = await this.sessions.delete({ expiresAt: LessThan(now) });
    const idle = await this.sessions
      .createQueryBuilder()
      .delete()
      .where('user_id IS NOT NULL AND last_seen_at < :signedIn', {
        signedIn: new Date(now.getTime() - this.settings.idleTimeoutMs),
      })
      .orWhere('user_id IS NULL AND last_seen_at < :anonymous', {
        anonymous: new Date(now.getTime() - ANONYMOUS_LIFETIME_MS),
      })
      .execute();
    return (absolute.affected ?? 0) + (idle.affected ?? 0);
  }

  private sign(secret: string): string {
    return createHmac('sha256', this.settings.sessionSecret).update(secret).digest('base64url');
  }

  private verify(cookieValue: string): string | undefined {
    const separator = cookieValue.lastIndexOf('.');
    if (separator <= 0) return undefined;
    const secret = cookieValue.slice(0, separator);
    const signature = Buffer.from(cookieValue.slice(separator + 1));
    const expected = Buffer.from(this.sign(secret));
    return signature.length === expected.length && timingSafeEqual(signature, expected) ? secret : undefined;
  }
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
