import type { Permission } from './permissions.js';
import type { TenantSummary } from './session.js';

export type UserStatus = 'active' | 'disabled';

/** Where a role assignment came from: mapped from identity-provider claims at login, or given by an admin. */
export type RoleAssignmentSource = 'identity_provider' | 'admin';

export interface RoleAssignmentSummary {
  role: string;
  source: RoleAssignmentSource;
  assignedAt: string;
}

/** `GET /api/admin/users`: a member of the active tenant. */
export interface UserSummary {
  id: string;
  displayName: string;
  email: string | null;
  status: UserStatus;
  lastLoginAt: string | null;
  roles: RoleAssignmentSummary[];
}

export interface UserListResponse {
  items: UserSummary[];
}

/** `POST /api/admin/users/:userId/roles`. */
export interface AssignRoleRequest {
  role: string;
}

/** A role as the admin screens show it: built-in, or custom to the tenant. */
export interface RoleSummary {
  /** Built-in role name, or the custom role's key. */
  key: string;
  name: string;
  description: string;
  builtIn: boolean;
  permissions: Permission[];
}

export interface RoleListResponse {
  items: RoleSummary[];
}

/** `POST /api/admin/roles`: a custom role in the active tenant. */
export interface CreateRoleRequest {
  /** Lower-case letters, digits and hyphens; not a built-in role name. */
  key: string;
  name: string;
  description?: string;
  permissions: Permission[];
}

export interface TenantListResponse {
  items: TenantSummary[];
}

/** `POST /api/admin/tenants`: a new organisation; whoever creates it becomes its first administrator. */
export interface CreateTenantRequest {
  name: string;
  /** The organisation's ODS code (e.g. "RRK"), when it has one. */
  odsCode?: string;
}
