import { describeRolesThatCan, permissionPhrase, rolesThatCan } from './access';

describe('access', () => {
  it('should name the built-in roles that hold a permission, from the shared map', () => {
    expect(rolesThatCan('users:write')).toEqual(['admin']);
    expect(rolesThatCan('audit:read')).toEqual(['compliance', 'admin']);
    expect(rolesThatCan('runs:read')).toEqual(['clinician', 'analyst', 'operator', 'supervisor', 'compliance']);
  });

  it('should say who can in a sentence', () => {
    expect(describeRolesThatCan('users:write')).toBe('an Administrator');
    expect(describeRolesThatCan('audit:export')).toBe('a Compliance officer');
    expect(describeRolesThatCan('audit:read')).toBe('a Compliance officer or an Administrator');
    expect(describeRolesThatCan('workspaces:read')).toBe('an Integration analyst or a Supervisor');
  });

  it('should turn a permission label into a phrase', () => {
    expect(permissionPhrase('audit:read')).toBe('read the audit trail');
  });
});
