import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config.js';
import { DEV_IDENTITY_PROVIDER_PATH } from './dev-identity-provider/dev-identity-provider.js';
import {
  loadOrCreateDevIdentityProviderState,
  type DevIdentityProviderState,
} from './dev-identity-provider/dev-identity-provider-state.js';
import { DEFAULT_ROLE_MAP, DEVELOPMENT_ROLE_MAP, parseRoleMap } from './login/role-mapping.js';

export const SESSION_COOKIE = 'trustops.sid';
export const LOGIN_PATH = '/auth/login';
export const CALLBACK_PATH = '/auth/callback';
export const LOGIN_ERROR_PATH = '/auth/error';

/** Thrown at start-up when identity settings cannot work together. */
export class IdentityConfigurationError extends Error {
  override readonly name = 'IdentityConfigurationError';
}

/** Identity and session settings, derived once from the validated configuration. */
@Injectable()
export class AuthSettings {
  readonly publicUrl: string;
  /** True when no OIDC_ISSUER is set: the development identity provider is mounted at /oidc. */
  readonly usesDevelopmentIdentityProvider: boolean;
  readonly issuer: string;
  readonly clientId: string;
  readonly clientAuth: 'client_secret_basic' | 'private_key_jwt';
  readonly clientSecret?: string;
  readonly clientPrivateKeyPem?: string;
  readonly clientPrivateKeyAlg: string;
  readonly clientPrivateKeyId?: string;
  readonly scopes: string;
  readonly roleClaim: string;
  readonly roleMap: Readonly<Record<string, string>>;
  readonly defaultTenantSlug: string;
  readonly sessionSecret: string;
  readonly idleTimeoutMs: number;
  readonly absoluteTimeoutMs: number;
  /** Secure cookies everywhere except development and test over plain http. */
  readonly secureCookies: boolean;
  readonly callbackUrl: string;
  readonly postLogoutRedirectUrl: string;
  readonly developmentIdentityProviderState?: DevIdentityProviderState;
  readonly allowedOrigins: readonly string[];

  constructor(config: AppConfig) {
    const env = config.env;
    this.publicUrl = config.publicUrl.replace(/\/$/, '');
    this.usesDevelopmentIdentityProvider = !env.OIDC_ISSUER;
    if (this.usesDevelopmentIdentityProvider && config.isProduction) {
      throw new IdentityConfigurationError(
        'TrustOps cannot start: NODE_ENV=production needs a real identity provider. Set OIDC_ISSUER (and OIDC_CLIENT_ID with OIDC_CLIENT_SECRET or OIDC_PRIVATE_KEY_PATH); the development identity provider is for development and tests only.',
      );
    }
    this.issuer = env.OIDC_ISSUER ?? `${this.publicUrl}${DEV_IDENTITY_PROVIDER_PATH}`;
    this.clientId = env.OIDC_CLIENT_ID;
    this.clientAuth = env.OIDC_CLIENT_AUTH;
    this.clientPrivateKeyAlg = env.OIDC_PRIVATE_KEY_ALG;
    if (env.OIDC_PRIVATE_KEY_ID) this.clientPrivateKeyId = env.OIDC_PRIVATE_KEY_ID;
    this.scopes = env.OIDC_SCOPES;
    this.roleClaim = env.OIDC_ROLE_CLAIM;
    this.defaultTenantSlug = env.OIDC_DEFAULT_TENANT;
    this.idleTimeoutMs = env.SESSION_IDLE_MINUTES * 60_000;
    this.absoluteTimeoutMs = env.SESSION_ABSOLUTE_HOURS * 3_600_000;
    this.secureCookies = config.isProduction || this.publicUrl.startsWith('https:');
    this.callbackUrl = `${this.publicUrl}${CALLBACK_PATH}`;
    this.postLogoutRedirectUrl = `${this.publicUrl}/`;
    this.allowedOrigins = [new URL(this.publicUrl).origin, ...env.CORS_ORIGINS.map((origin) => new URL(origin).origin)];

    if (this.usesDevelopmentIdentityProvider) {
      this.developmentIdentityProviderState = loadOrCreateDevIdentityProviderState(env.DATA_DIR);
      this.clientSecret = env.OIDC_CLIENT_SECRET ?? this.developmentIdentityProviderState.clientSecret;
      this.clientPrivateKeyPem = env.OIDC_PRIVATE_KEY_PATH
        ? readFileSync(env.OIDC_PRIVATE_KEY_PATH, 'utf8')
        : this.developmentIdentityProviderState.clientPrivateKeyPem;
      this.roleMap = { ...DEFAULT_ROLE_MAP, ...DEVELOPMENT_ROLE_MAP, ...parseRoleMap(env.OIDC_ROLE_MAP) };
    } else {
      if (env.OIDC_CLIENT_SECRET) this.clientSecret = env.OIDC_CLIENT_SECRET;
      if (env.OIDC_PRIVATE_KEY_PATH) this.clientPrivateKeyPem = readPrivateKey(env.OIDC_PRIVATE_KEY_PATH);
      this.roleMap = { ...DEFAULT_ROLE_MAP, ...parseRoleMap(env.OIDC_ROLE_MAP) };
    }
    this.sessionSecret = env.SESSION_SECRET ?? loadOrCreateSessionSecret(env.DATA_DIR);
  }
}

function readPrivateKey(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new IdentityConfigurationError(`OIDC_PRIVATE_KEY_PATH names a file TrustOps cannot read: ${path}`, { cause });
  }
}

/** Outside production a missing SESSION_SECRET is generated once, so restarts keep sessions. */
function loadOrCreateSessionSecret(dataDirectory: string): string {
  const path = join(dataDirectory, 'session-secret');
  if (!existsSync(path)) {
    mkdirSync(dataDirectory, { recursive: true });
    try {
      writeFileSync(path, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process starting at the same moment wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(path, 'utf8').trim();
}
