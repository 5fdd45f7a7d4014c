import { PERMISSION_LABELS, PERMISSIONS, type Permission } from '@trustops/contracts';

/** What each permission's resource is called in the interface. */
const RESOURCE_LABELS: Record<string, string> = {
  runs: 'Runs',
  runbooks: 'Runbooks',
  workspaces: 'Workspaces',
  runners: 'Agent runners',
  tasks: 'Tasks',
  schedules: 'Schedules',
  incidents: 'Incidents',
  rcm: 'Revenue cycle',
  decisions: 'Approvals and decisions',
  audit: 'Audit trail',
  users: 'People',
  roles: 'Roles',
  tenants: 'Organisations',
  settings: 'Platform settings',
  tokens: 'API tokens',
};

export interface PermissionGroup {
  /** The part before the colon, e.g. `runs`. */
  resource: string;
  label: string;
  permissions: { permission: Permission; label: string }[];
}

/** `permissions` (all of them by default) grouped by resource, in the order `PERMISSIONS` lists them. */
export function groupPermissions(permissions: readonly Permission[] = PERMISSIONS): PermissionGroup[] {
  const groups: PermissionGroup[] = [];
  for (const permission of PERMISSIONS) {
    if (!permissions.includes(permission)) {
      continue;
    }
    const resource = permission.slice(0, permission.indexOf(':'));
    let group = groups.find((candidate) => candidate.resource === resource);
    if (!group) {
      group = { resource, label: RESOURCE_LABELS[resource] ?? resource, permissions: [] };
      groups.push(group);
    }
    group.permissions.push({ permission, label: PERMISSION_LABELS[permission] });
  }
  return groups;
}
