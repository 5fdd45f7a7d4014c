import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthSettings } from '../auth-settings.js';
import { SessionCookie } from './session-cookie.js';
import type { Session } from './session.entity.js';
import { SessionStore } from './session.store.js';

/** Requests whose session was replaced or ended by a handler: their old data is not saved at the end. */
export const handledSessions = new WeakSet<Request>();

/** Starting and ending signed-in sessions from request handlers. */
@Injectable()
export class SessionService {
  constructor(
    private readonly store: SessionStore,
    private readonly cookie: SessionCookie,
    private readonly settings: AuthSettings,
  ) {}

  /** Signs the person in with a brand-new session id (the pre-login session is deleted: no fixation). */
  async establish(
    request: Request,
    response: Response,
    values: { userId: string; tenantId: string; data: Record<string, unknown> },
  ): Promise<Session> {
    if (request.sessionRecord) await this.store.destroy(request.sessionRecord.id);
    const { session, cookieValue } = await this.store.create({
      userId: values.userId,
      activeTenantId: values.tenantId,
      data: values.data,
    });
    handledSessions.add(request);
    request.sessionRecord = session;
    request.session = { ...session.data };
    this.cookie.set(response, cookieValue, this.settings.absoluteTimeoutMs);
    return session;
  }

  async end(request: Request, response: Response): Promise<void> {
    if (request.sessionRecord) await this.store.destroy(request.sessionRecord.id);
    handledSessions.add(request);
    request.sessionRecord = null;
    request.session = {};
    this.cookie.clear(response);
  }

  async switchTenant(request: Request, tenantId: string): Promise<void> {
    if (!request.sessionRecord) return;
    await this.store.setActiveTenant(request.sessionRecord.id, tenantId);
    request.sessionRecord.activeTenantId = tenantId;
  }
}
