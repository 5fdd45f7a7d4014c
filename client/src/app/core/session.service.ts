import { HttpClient, httpResource, type HttpResourceRequest } from '@angular/common/http';
import { computed, inject, Injectable } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import {
  isRoleName,
  ROLE_LABELS,
  type LogoutResponse,
  type Permission,
  type SessionResponse,
  type SwitchTenantRequest,
} from '@trustops/contracts';
import { filter, firstValueFrom } from 'rxjs';
import { BrowserLocation } from './browser-location';

export const SESSION_URL = '/api/session';
export const SWITCH_TENANT_URL = '/api/session/tenant';
export const SIGN_IN_URL = '/auth/login';
export const SIGN_OUT_URL = '/auth/logout';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signed-in'; session: SessionResponse }
  | { kind: 'signed-out' }
  /** Anything but a 401: the server is down, or answered something we did not expect. */
  | { kind: 'unknown' };

export type SettledSessionState = Exclude<SessionState, { kind: 'loading' }>;

/** `/auth/login?returnTo=/admin/users`: sign in, then come back to `returnTo` (a path on this site). */
export function signInUrl(returnTo = '/'): string {
  return returnTo === '/' || returnTo === '' ? SIGN_IN_URL : `${SIGN_IN_URL}?returnTo=${encodeURIComponent(returnTo)}`;
}

/** Who is signed in, from `GET /api/session` (401 when nobody is), and what they may do. */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly http = inject(HttpClient);
  private readonly browserLocation = inject(BrowserLocation);
  private readonly session = httpResource<SessionResponse>(() => SESSION_URL);

  readonly state = computed<SessionState>(() => {
    if (this.session.hasValue()) {
      return { kind: 'signed-in', session: this.session.value() };
    }
    if (this.session.status() === 'error') {
      return this.session.statusCode() === 401 ? { kind: 'signed-out' } : { kind: 'unknown' };
    }
    return { kind: 'loading' };
  });

  /** The signed-in session, or undefined. */
  readonly current = computed(() => {
    const state = this.state();
    return state.kind === 'signed-in' ? state.session : undefined;
  });

  /** The active tenant's id. Data resources read it so that switching tenant fetches them again. */
  readonly activeTenantId = computed(() => this.current()?.activeTenant.id);

  /** What the signed-in person may do in the active tenant; empty when nobody is signed in. */
  readonly permissions = computed<ReadonlySet<Permission>>(() => new Set(this.current()?.permissions ?? []));

  /** The CSRF token every state-changing request carries (see `csrfInterceptor`). */
  readonly csrfToken = computed(() => this.current()?.csrfToken);

  /** Emits once the session is known (signed in, signed out or unknown), then on every change. */
  readonly settled$ = toObservable(this.state).pipe(
    filter((state): state is SettledSessionState => state.kind !== 'loading'),
  );

  /** True when the signed-in person holds `permission` in the active tenant. Reactive inside templates and `computed`. */
  can(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  /** True when the signed-in person holds at least one of `permissions`. */
  canAny(permissions: readonly Permission[]): boolean {
    const granted = this.permissions();
    return permissions.some((permission) => granted.has(permission));
  }

  reload(): void {
    this.session.reload();
  }

  /** Resolves with the session once it is known. */
  whenSettled(): Promise<SettledSessionState> {
    return firstValueFrom(this.settled$);
  }

  /**
   * Makes another of the person's tenants the active one. The answer is the new session, so roles,
   * permissions and every resource keyed on {@link activeTenantId} follow at once.
   */
  async switchTenant(tenantId: string): Promise<SessionResponse> {
    const body: SwitchTenantRequest = { tenantId };
    const session = await firstValueFrom(this.http.post<SessionResponse>(SWITCH_TENANT_URL, body));
    this.session.set(session);
    return session;
  }

  /** Ends the TrustOps session, then follows the server to end the identity provider's session too. */
  async signOut(): Promise<void> {
    if (this.state().kind !== 'signed-in') {
      return;
    }
    try {
      const response = await firstValueFrom(
        this.http.post<LogoutResponse>(SIGN_OUT_URL, null, { headers: { Accept: 'application/json' } }),
      );
      this.browserLocation.assign(response.redirectTo);
    } catch {
      // The session may already have ended (expired, or signed out in another tab): show what is true now.
      this.reload();
    }
  }
}

/** The plain-English name of a role: built-in roles by their label, custom roles by their key. */
export function roleLabel(role: string, customRoleNames: Readonly<Record<string, string>> = {}): string {
  return isRoleName(role) ? ROLE_LABELS[role] : (customRoleNames[role] ?? role);
}

/** "Clinician, Supervisor" for built-in roles; custom role keys are shown as they are. */
export function describeRoles(roles: readonly string[]): string {
  return roles.map((role) => roleLabel(role)).join(', ');
}

/**
 * A resource request for the active tenant: `undefined` (no request) until someone is signed in,
 * and a new request whenever the active tenant changes, so the data follows a tenant switch.
 */
export function forActiveTenant<T extends HttpResourceRequest>(session: SessionService, request: T): T | undefined {
  return session.activeTenantId() === undefined ? undefined : { ...request };
}

/** A resource's value, or `fallback` while it loads or after it failed (reading `value()` then would throw). */
export function valueOr<T, F>(resource: { hasValue(): boolean; value(): T }, fallback: F): T | F {
  return resource.hasValue() ? resource.value() : fallback;
}
