/** The built-in roles (ARCHITECTURE.md, "Roles"). */
export const ROLES = ['clinician', 'analyst', 'operator', 'supervisor', 'compliance', 'admin'] as const;
export type RoleName = (typeof ROLES)[number];

export const ROLE_LABELS: Record<RoleName, string> = {
  clinician: 'Clinician',
  analyst: 'Integration analyst',
  operator: 'Operator',
  supervisor: 'Supervisor',
  compliance: 'Compliance officer',
  admin: 'Administrator',
};

export function isRoleName(value: string): value is RoleName {
  return (ROLES as readonly string[]).includes(value);
}
