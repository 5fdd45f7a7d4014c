import type { ApiTokenSummary, AuditRecordView, InvitationSummary, UserSummary } from '@trustops/contracts';

export function userStub(overrides: Partial<UserSummary> = {}): UserSummary {
  return {
    id: '6f1c2a4e-0000-4000-8000-000000000002',
    displayName: 'Priya Shah',
    email: 'priya.shah@example.nhs.uk',
    status: 'active',
    lastLoginAt: '2026-11-22T09:15:00.000Z',
    roles: [{ role: 'clinician', source: 'identity_provider', assignedAt: '2026-11-01T08:00:00.000Z' }],
    ...overrides,
  };
}

export function apiTokenStub(overrides: Partial<ApiTokenSummary> = {}): ApiTokenSummary {
  return {
    id: '0b8d7a56-0000-4000-8000-000000000001',
    name: 'MCP on my laptop',
    hint: 'trustops_pat_Ab3d',
    permissions: ['runs:read', 'tasks:write'],
    tenantId: 'tenant-1',
    createdAt: '2026-11-01T08:00:00.000Z',
    expiresAt: '2099-12-01T08:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function auditRecordStub(overrides: Partial<AuditRecordView> = {}): AuditRecordView {
  return {
    id: 'a0000000-0000-4000-8000-000000000042',
    tenantId: 'tenant-1',
    sequence: 42,
    occurredAt: '2026-11-23T10:04:05.000Z',
    actor: {
      type: 'person',
      userId: 'user-1',
      displayName: 'Sam Okafor',
      role: 'admin',
      ip: '10.0.0.8',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156',
    },
    action: 'role.granted',
    resource: { type: 'user', id: '6f1c2a4e-0000-4000-8000-000000000002' },
    outcome: 'success',
    reason: null,
    requestId: 'req-7f3a',
    before: null,
    after: { role: 'supervisor' },
    previousHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...overrides,
  };
}

export function invitationStub(overrides: Partial<InvitationSummary> = {}): InvitationSummary {
  return {
    id: '5d2e8a10-0000-4000-8000-000000000001',
    email: 'david.evans@nhs.net',
    role: 'compliance',
    roleName: 'Compliance officer',
    invitedBy: { userId: '6f1c2a4e-0000-4000-8000-000000000003', displayName: 'Sam Okafor' },
    invitedAt: '2026-12-03T09:00:00.000Z',
    expiresAt: '2026-12-17T09:00:00.000Z',
    status: 'pending',
    ...overrides,
  };
}
