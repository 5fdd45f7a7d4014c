import {
  permissionsForRoles,
  type PlatformStatusResponse,
  type SessionResponse,
  type TenantSummary,
} from '@trustops/contracts';

export function platformStatusStub(overrides: Partial<PlatformStatusResponse> = {}): PlatformStatusResponse {
  return {
    name: 'TrustOps',
    version: '1.2.3',
    environment: 'development',
    role: 'all',
    startedAt: '2026-11-23T08:30:00.000Z',
    database: { state: 'up', source: 'embedded' },
    queues: { state: 'up', source: 'embedded' },
    modelEngine: { engine: 'offline', label: 'Offline engine' },
    ...overrides,
  };
}

export const NORTHBRIDGE: TenantSummary = {
  id: 'tenant-1',
  slug: 'northbridge',
  name: 'Northbridge University Hospitals',
  odsCode: 'RZZ',
};
export const SOUTHMOOR: TenantSummary = {
  id: 'tenant-2',
  slug: 'southmoor',
  name: 'Southmoor Community Trust',
  odsCode: 'RYY',
};

/**
 * A signed-in session. The permissions are what the roles grant through `ROLE_PERMISSIONS`, as the
 * server computes them, so a stub for a role is gated exactly as the real person would be.
 */
export function sessionStub(
  options: { roles?: string[]; tenants?: TenantSummary[]; displayName?: string; userId?: string } = {},
): SessionResponse {
  const roles = options.roles ?? ['clinician', 'supervisor'];
  const tenants = options.tenants ?? [NORTHBRIDGE];
  const tenant = tenants[0] ?? NORTHBRIDGE;
  return {
    user: {
      id: options.userId ?? 'user-1',
      displayName: options.displayName ?? 'Dr Aisha Rahman',
      email: 'aisha.rahman@example.nhs.uk',
      roles,
      tenantId: tenant.id,
    },
    roles,
    permissions: permissionsForRoles(roles),
    tenants,
    activeTenant: tenant,
    csrfToken: 'csrf-token-1',
    expiresAt: '2026-11-23T20:30:00.000Z',
  };
}
