import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRoleName, ROLE_LABELS, ROLES } from './roles.js';

describe('roles', () => {
  it('should give every role a plain-English label', () => {
    for (const role of ROLES) {
      assert.ok(ROLE_LABELS[role].length > 0, `${role} has no label`);
    }
  });

  it('should recognise only the built-in role names', () => {
    assert.equal(isRoleName('supervisor'), true);
    assert.equal(isRoleName('superuser'), false);
  });
});
