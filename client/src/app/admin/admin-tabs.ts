import type { Permission } from '@trustops/contracts';
import type { IconName } from '../core/icons';

export interface AdminTab {
  /** Path under /admin. */
  path: string;
  label: string;
  icon: IconName;
  /** Needed to open the tab; the server's guard asks for the same. */
  permission: Permission;
}

/** The admin area's pages, in the order of its tab bar. */
export const ADMIN_TABS: readonly AdminTab[] = [
  { path: 'users', label: 'Users', icon: 'people', permission: 'users:read' },
  { path: 'roles', label: 'Roles', icon: 'role', permission: 'roles:read' },
  { path: 'tokens', label: 'API tokens', icon: 'key', permission: 'tokens:manage' },
  { path: 'tenants', label: 'Organisations', icon: 'organisation', permission: 'tenants:read' },
];
