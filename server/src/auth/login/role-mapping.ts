import { DEVELOPMENT_ROLE_CODES } from '../dev-identity-provider/demo-users.js';

/**
 * CIS2 national RBAC job-role codes that map to a TrustOps role out of the box. Deliberately
 * small: only clinical access roles, which become `clinician`. Everything else comes from
 * OIDC_ROLE_MAP or from an administrator.
 */
export const DEFAULT_ROLE_MAP: Readonly<Record<string, string>> = {
  R8000: 'clinician', // Clinical Practitioner Access Role
  R8001: 'clinician', // Nurse Access Role
  R8003: 'clinician', // Health Professional Access Role
};

/** The development identity provider's own codes; mapped only while it is the issuer. */
export const DEVELOPMENT_ROLE_MAP: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(DEVELOPMENT_ROLE_CODES).map(([role, code]) => [code, role]),
);

/** Parses OIDC_ROLE_MAP (`claim-value=role,claim-value=role`). */
export function parseRoleMap(value: string | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const separator = pair.lastIndexOf('=');
    if (separator <= 0) continue;
    map[pair.slice(0, separator).trim()] = pair.slice(separator + 1).trim();
  }
  return map;
}

export interface RoleMappingOptions {
  /** The claim carrying roles; a dotted path reaches nested claims (`realm_access.roles`). */
  roleClaim: string;
  /** Claim value → TrustOps role key. */
  roleMap: Readonly<Record<string, string>>;
}

export interface MappedIdentity {
  /** TrustOps role keys, unique, in the order first found. */
  roles: string[];
  /** The ODS code of the organisation the person signed in for (CIS2 `org_code`), if the claims say. */
  organisationCode?: string;
}

interface NationalRbacEntry {
  person_roleid?: unknown;
  role_code?: unknown;
  org_code?: unknown;
  activity_codes?: unknown;
}

/**
 * Turns identity-provider claims into TrustOps roles.
 *
 * CIS2's `nhsid_nrbac_roles` is a list of role entries; when `selected_roleid` names one of them
 * (the role the person picked at sign-in) only that entry counts. An entry matches the map by its
 * full `role_code` (`S8000:G8000:R8000`), its job-role part (`R8000`) or any of its activity codes.
 * Other providers' role claims (a string or a list of strings) match by value.
 */
export function mapClaimsToRoles(
  claims: Readonly<Record<string, unknown>>,
  options: RoleMappingOptions,
): MappedIdentity {
  const value = readClaim(claims, options.roleClaim);
  const roles = new Set<string>();
  const add = (candidate: string): void => {
    const role = options.roleMap[candidate];
    if (role) roles.add(role);
  };

  if (typeof value === 'string') {
    add(value);
    return { roles: [...roles] };
  }
  if (!Array.isArray(value)) return { roles: [] };

  const strings = value.filter((entry): entry is string => typeof entry === 'string');
  for (const entry of strings) add(entry);

  const entries = value.filter((entry): entry is NationalRbacEntry => typeof entry === 'object' && entry !== null);
  const selected = typeof claims['selected_roleid'] === 'string' ? claims['selected_roleid'] : undefined;
  const chosen =
    selected && entries.some((entry) => entry.person_roleid === selected)
      ? entries.filter((entry) => entry.person_roleid === selected)
      : entries;
  let organisationCode: string | undefined;
  for (const entry of chosen) {
    if (typeof entry.role_code === 'string') {
      add(entry.role_code);
      const jobRole = entry.role_code.split(':').at(-1);
      if (jobRole) add(jobRole);
    }
    if (Array.isArray(entry.activity_codes)) {
      for (const activity of entry.activity_codes) if (typeof activity === 'string') add(activity);
    }
    if (!organisationCode && typeof entry.org_code === 'string') organisationCode = entry.org_code;
  }
  return organisationCode ? { roles: [...roles], organisationCode } : { roles: [...roles] };
}

function readClaim(claims: Readonly<Record<string, unknown>>, path: string): unknown {
  if (path in claims) return claims[path];
  let current: unknown = claims;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
