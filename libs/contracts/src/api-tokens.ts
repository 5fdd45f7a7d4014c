import type { Permission } from './permissions.js';

/** Every personal API token starts with this, so secret scanners can recognise a leaked one. */
export const API_TOKEN_PREFIX = 'trustops_pat_';

export interface ApiTokenSummary {
  id: string;
  name: string;
  /** The first characters of the secret, to tell tokens apart; never enough to use. */
  hint: string;
  permissions: Permission[];
  tenantId: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** `POST /api/tokens`. The permissions must be a subset of the creator's in the active tenant. */
export interface CreateApiTokenRequest {
  name: string;
  permissions: Permission[];
  /** 1 to 365; 30 when omitted. */
  expiresInDays?: number;
}

/** The secret is in this response only: it is stored as a hash and cannot be shown again. */
export interface CreateApiTokenResponse {
  token: ApiTokenSummary;
  secret: string;
}

export interface ApiTokenListResponse {
  items: ApiTokenSummary[];
}
