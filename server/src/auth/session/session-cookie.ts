import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { AuthSettings, SESSION_COOKIE } from '../auth-settings.js';
import { serializeCookie } from './cookies.js';

/** Writes and clears the `trustops.sid` cookie. */
@Injectable()
export class SessionCookie {
  constructor(private readonly settings: AuthSettings) {}

  set(response: Response, value: string, lifetimeMs: number): void {
    if (response.headersSent) return;
    this.replace(
      response,
      serializeCookie(SESSION_COOKIE, value, { secure: this.settings.secureCookies, maxAgeSeconds: lifetimeMs / 1000 }),
    );
  }

  clear(response: Response): void {
    if (response.headersSent) return;
    this.replace(
      response,
      serializeCookie(SESSION_COOKIE, '', { secure: this.settings.secureCookies, maxAgeSeconds: 0 }),
    );
  }

  private replace(response: Response, cookie: string): void {
    const existing = response.getHeader('Set-Cookie');
    const others = (Array.isArray(existing) ? existing : existing ? [String(existing)] : []).filter(
      (value) => !value.startsWith(`${SESSION_COOKIE}=`),
    );
    response.setHeader('Set-Cookie', [...others, cookie]);
  }
}
