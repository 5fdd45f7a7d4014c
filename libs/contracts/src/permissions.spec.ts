import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hasPermission,
  isPermission,
  PERMISSION_LABELS,
  PERMISSIONS,
  permissionsForRoles,
  ROLE_PERMISSIONS,
} from './permissions.js';
import { ROLES } from './roles.js';

describe('permissions', () => {
  it('should name every permission as resource:action', () => {
    for (const permission of PERMISSIONS) assert.match(permission, /^[a-z]+:[a-z-]+$/);
  });

  it('should give every permission a plain-English label', () => {
    for (const permission of PERMISSIONS) assert.ok(PERMISSION_LABELS[permission].length > 0, permission);
  });

  it('should give every built-in role at least one known permission', () => {
    for (const role of ROLES) {
      assert.ok(ROLE_PERMISSIONS[role].length > 0, role);
      for (const permission of ROLE_PERMISSIONS[role]) assert.equal(isPermission(permission), true, permission);
    }
  });

  it('should keep approving decisions away from the roles that start work', () => {
    assert.equal(ROLE_PERMISSIONS.supervisor.includes('decisions:approve'), true);
    assert.equal(ROLE_PERMISSIONS.clinician.includes('decisions:approve'), false);
    assert.equal(ROLE_PERMISSIONS.admin.includes('decisions:approve'), false);
  });

  it('should combine built-in and custom roles without duplicates', () => {
    const permissions = permissionsForRoles(['supervisor', 'ward-lead', 'unknown'], {
      'ward-lead': ['runs:read', 'audit:read'],
    });
    assert.equal(new Set(permissions).size, permissions.length);
    assert.equal(hasPermission(permissions, 'decisions:approve'), true);
    assert.equal(hasPermission(permissions, 'audit:read'), true);
    assert.equal(hasPermission(new Set(permissions), 'users:write'), false);
  });
});
