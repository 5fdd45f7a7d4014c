import { createHash, randomBytes } from 'node:crypto';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  API_TOKEN_PREFIX,
  type ApiTokenSummary,
  type CreateApiTokenRequest,
  type CreateApiTokenResponse,
} from '@trustops/contracts';
import type { Request } from 'express';
import { IsNull, Repository } from 'typeorm';
import { AccessAudit } from '../../rbac/access-audit.service.js';
import type { Principal } from '../../rbac/principal.js';
import { TenantScope } from '../../tenancy/tenant-scope.js';
import { PrincipalResolver } from '../principal.resolver.js';
import { ApiToken } from './api-token.entity.js';

const DEFAULT_LIFETIME_DAYS = 30;
const LAST_USED_RESOLUTION_MS = 60_000;

export type TokenAuthentication = { principal: Principal } | { failure: string };

/** Personal API tokens: shown once, stored as a SHA-256 hash, scoped, expiring, revocable. */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    private readonly principals: PrincipalResolver,
    private readonly audit: AccessAudit,
  ) {}

  async create(request: Request, principal: Principal, body: CreateApiTokenRequest): Promise<CreateApiTokenResponse> {
    if (principal.via !== 'session')
      throw new ForbiddenException('API tokens cannot create other tokens. Sign in to TrustOps to create one.');
    const beyond = body.permissions.filter((permission) => !principal.permissions.has(permission));
    if (beyond.length) {
      throw new ForbiddenException(
        `A token can only have permissions you have yourself. You do not have: ${beyond.join(', ')}.`,
      );
    }
    const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const days = body.expiresInDays ?? DEFAULT_LIFETIME_DAYS;
    const scope = this.scope(principal);
    const token = await scope.save(
      scope.create({
        userId: principal.userId,
        name: body.name,
        secretHash: hashSecret(secret),
        hint: secret.slice(0, API_TOKEN_PREFIX.length + 4),
        permissions: [...new Set(body.permissions)],
        expiresAt: new Date(Date.now() + days * 86_400_000),
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    await this.audit.record(request, principal, {
      tenantId: principal.tenantId,
      action: 'api-token.created',
      resource: { type: 'api-token', id: token.id },
      after: { name: token.name, permissions: token.permissions, expiresAt: token.expiresAt.toISOString() },
    });
    return { token: toSummary(token), secret };
  }

  async list(principal: Principal): Promise<ApiTokenSummary[]> {
    const tokens = await this.scope(principal).find({
      where: { userId: principal.userId },
      order: { createdAt: 'DESC' },
    });
    return tokens.map(toSummary);
  }

  /** Revokes one of the caller's own tokens; anyone else's is a 404. */
  async revoke(request: Request, principal: Principal, id: string): Promise<void> {
    const scope = this.scope(principal);
    const token = await scope.findOne({ id, userId: principal.userId });
    if (!token) throw new NotFoundException(`There is no API token with id ${id}.`);
    if (token.revokedAt) return;
    token.revokedAt = new Date();
    await scope.save(token);
    await this.audit.record(request, principal, {
      tenantId: principal.tenantId,
      action: 'api-token.revoked',
      resource: { type: 'api-token', id: token.id },
      before: { name: token.name },
    });
  }

  /** The principal behind `Authorization: Bearer trustops_pat_…`, or why there is none. */
  async authenticate(secret: string): Promise<TokenAuthentication> {
    const invalid = { failure: 'This API token is not valid. Check it, or create a new one.' };
    if (!secret.startsWith(API_TOKEN_PREFIX)) return invalid;
    const token = await this.tokens.findOneBy({ secretHash: hashSecret(secret), revokedAt: IsNull() });
    if (!token) return { failure: 'This API token is not valid or has been revoked.' };
    const now = Date.now();
    if (token.expiresAt.getTime() <= now) return { failure: 'This API token has expired. Create a new one.' };
    const principal = await this.principals.forApiToken(token);
    if (!principal) return { failure: 'The person this API token belongs to no longer has access.' };
    if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await this.tokens.update({ id: token.id }, { lastUsedAt: new Date(now) });
    }
    return { principal };
  }

  private scope(principal: Principal): TenantScope<ApiToken> {
    return new TenantScope(this.tokens, principal.tenantId);
  }
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function toSummary(token: ApiToken): ApiTokenSummary {
  return {
    id: token.id,
    name: token.name,
    hint: token.hint,
    permissions: token.permissions,
    tenantId: token.tenantId,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
