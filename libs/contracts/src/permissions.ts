import type { RoleName } from './roles.js';

/**
 * Every permission TrustOps knows, as `resource:action`. The server's guard enforces them and the
 * client hides what a user may not do, both from this one list.
 */
export const PERMISSIONS = [
  'runs:read',
  'runs:start',
  'runs:cancel',
  'runbooks:read',
  'runbooks:write',
  'workspaces:read',
  'workspaces:write',
  'runners:read',
  'runners:use',
  'tasks:read',
  'tasks:write',
  'schedules:read',
  'schedules:write',
  'incidents:read',
  'incidents:write',
  'incidents:execute',
  'rcm:read',
  'rcm:write',
  'decisions:read',
  'decisions:approve',
  'decisions:provide-input',
  'audit:read',
  'audit:export',
  'users:read',
  'users:write',
  'roles:read',
  'roles:write',
  'tenants:read',
  'tenants:write',
  'settings:read',
  'settings:write',
  'tokens:manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  'runs:read': 'See runs and their results',
  'runs:start': 'Start runs and wizards',
  'runs:cancel': 'Cancel runs',
  'runbooks:read': 'See runbooks',
  'runbooks:write': 'Create and change runbooks',
  'workspaces:read': 'Browse workspaces',
  'workspaces:write': 'Import and change workspaces',
  'runners:read': 'See agent runners and transcripts',
  'runners:use': 'Run agents on workspaces',
  'tasks:read': 'See delegated tasks',
  'tasks:write': 'Delegate and manage tasks',
  'schedules:read': 'See schedules',
  'schedules:write': 'Create, pause and change schedules',
  'incidents:read': 'See incidents and their evidence',
  'incidents:write': 'Open and update incidents',
  'incidents:execute': 'Carry out recommended incident actions',
  'rcm:read': 'See eligibility and claim-status work',
  'rcm:write': 'Upload batches and run revenue-cycle checks',
  'decisions:read': 'See pending decisions',
  'decisions:approve': 'Approve or reject decisions',
  'decisions:provide-input': 'Answer requests for input, such as MFA codes',
  'audit:read': 'Read the audit trail',
  'audit:export': 'Export audit evidence',
  'users:read': 'See users',
  'users:write': 'Assign and revoke roles',
  'roles:read': 'See roles and their permissions',
  'roles:write': 'Create custom roles',
  'tenants:read': 'See tenants',
  'tenants:write': 'Create and change tenants',
  'settings:read': 'See platform settings',
  'settings:write': 'Change platform settings',
  'tokens:manage': 'Create and revoke personal API tokens',
};

/** What each built-in role may do (ARCHITECTURE.md, "Roles"). Custom roles list their own. */
export const ROLE_PERMISSIONS: Record<RoleName, readonly Permission[]> = {
  clinician: ['runs:read', 'runs:start', 'runbooks:read', 'decisions:provide-input'],
  analyst: [
    'runs:read',
    'runs:start',
    'runs:cancel',
    'runbooks:read',
    'runbooks:write',
    'workspaces:read',
    'workspaces:write',
    'runners:read',
    'runners:use',
    'tasks:read',
    'tasks:write',
    'schedules:read',
    'schedules:write',
    'tokens:manage',
  ],
  operator: [
    'runs:read',
    'runs:start',
    'runs:cancel',
    'runbooks:read',
    'incidents:read',
    'incidents:write',
    'incidents:execute',
    'rcm:read',
    'rcm:write',
    'decisions:read',
    'decisions:provide-input',
    'schedules:read',
    'tokens:manage',
  ],
  supervisor: [
    'runs:read',
    'runbooks:read',
    'workspaces:read',
    'tasks:read',
    'schedules:read',
    'incidents:read',
    'rcm:read',
    'decisions:read',
    'decisions:approve',
  ],
  compliance: ['runs:read', 'decisions:read', 'audit:read', 'audit:export', 'users:read', 'roles:read'],
  admin: [
    'users:read',
    'users:write',
    'roles:read',
    'roles:write',
    'tenants:read',
    'tenants:write',
    'settings:read',
    'settings:write',
    'audit:read',
    'tokens:manage',
  ],
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * The union of the permissions of `roles`. Built-in role names resolve through
 * {@link ROLE_PERMISSIONS}; anything else is looked up in `customRoles` (key → permissions).
 */
export function permissionsForRoles(
  roles: readonly string[],
  customRoles: Readonly<Record<string, readonly Permission[]>> = {},
): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) {
    const permissions =
      (ROLE_PERMISSIONS as Record<string, readonly Permission[] | undefined>)[role] ?? customRoles[role] ?? [];
    for (const permission of permissions) granted.add(permission);
  }
  return PERMISSIONS.filter((permission) => granted.has(permission));
}

/** True when `granted` includes `required`; the client's UI gating and the server's guard agree on this. */
export function hasPermission(granted: readonly string[] | ReadonlySet<string>, required: Permission): boolean {
  return Array.isArray(granted) ? granted.includes(required) : (granted as ReadonlySet<string>).has(required);
}
