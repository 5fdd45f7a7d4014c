import type { Permission } from './permissions.js';

/** A tenant (usually one NHS Trust) as the people in it see it. */
export interface TenantSummary {
  id: string;
  slug: string;
  name: string;
  /** The organisation's ODS code (e.g. "RRK"), when the tenant is linked to one. */
  odsCode: string | null;
}

/** The person behind the current browser session. */
export interface SessionUser {
  id: string;
  /** How the person is addressed in the interface, e.g. "Priya Shah". */
  displayName: string;
  email?: string;
  /** Role keys held in the active tenant (same as {@link SessionResponse.roles}). */
  roles: string[];
  /** The active tenant's id (same as {@link SessionResponse.activeTenant}`.id`). */
  tenantId: string;
}

/** `GET /api/session`: who is signed in. The endpoint answers 401 when nobody is. */
export interface SessionResponse {
  user: SessionUser;
  /** Role keys held in the active tenant: built-in role names or custom role keys. */
  roles: string[];
  /** Permission strings (`resource:action`) the roles grant in the active tenant. */
  permissions: Permission[];
  /** Every tenant the user belongs to; switch with `POST /api/session/tenant`. */
  tenants: TenantSummary[];
  activeTenant: TenantSummary;
  /**
   * Send as the `X-CSRF-Token` header on every POST, PUT, PATCH and DELETE made with the
   * session cookie; without it the server answers 403.
   */
  csrfToken: string;
  /** When the session ends even if it is in use (ISO 8601); null when the caller used an API token. */
  expiresAt: string | null;
}

/** `POST /api/session/tenant`: make another of the user's tenants the active one. */
export interface SwitchTenantRequest {
  tenantId: string;
}

/** `POST /auth/logout` when asked for JSON: where the browser goes next to end the provider session too. */
export interface LogoutResponse {
  redirectTo: string;
}

/** The header carrying the CSRF token on cookie-authenticated, state-changing requests. */
export const CSRF_HEADER = 'X-CSRF-Token';
