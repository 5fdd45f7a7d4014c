import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoUserClaims } from '../dev-identity-provider/dev-identity-provider.js';
import { DEMO_USERS } from '../dev-identity-provider/demo-users.js';
import { DEFAULT_ROLE_MAP, DEVELOPMENT_ROLE_MAP, mapClaimsToRoles, parseRoleMap } from './role-mapping.js';

describe(mapClaimsToRoles.name, () => {
  const cis2 = { roleClaim: 'nhsid_nrbac_roles', roleMap: { ...DEFAULT_ROLE_MAP, ...DEVELOPMENT_ROLE_MAP } };

  it('should map every demo person to the role they demonstrate', () => {
    for (const user of DEMO_USERS) {
      const mapped = mapClaimsToRoles(demoUserClaims(user), cis2);
      assert.deepEqual(mapped.roles, user.role ? [user.role] : [], user.name);
      assert.equal(mapped.organisationCode, 'RZZ');
    }
  });

  it('should count only the role selected at sign-in', () => {
    const supervisor = DEMO_USERS.find((user) => user.role === 'supervisor')!;
    const claims = demoUserClaims(supervisor);
    assert.deepEqual(mapClaimsToRoles(claims, cis2).roles, ['supervisor']);
    const nurseSelected = { ...claims, selected_roleid: supervisor.nationalRbacRoles[0].person_roleid };
    assert.deepEqual(mapClaimsToRoles(nurseSelected, cis2).roles, ['clinician']);
    const noSelection = { ...claims, selected_roleid: undefined };
    assert.deepEqual(mapClaimsToRoles(noSelection, cis2).roles.sort(), ['clinician', 'supervisor']);
  });

  it('should match full role codes, job-role codes and activity codes', () => {
    const claims = {
      nhsid_nrbac_roles: [
        { person_roleid: '1', role_code: 'S8000:G8000:R8000', org_code: 'RRK', activity_codes: ['B0360'] },
      ],
    };
    assert.deepEqual(
      mapClaimsToRoles(claims, { roleClaim: 'nhsid_nrbac_roles', roleMap: { B0360: 'operator', R8000: 'clinician' } })
        .roles,
      ['clinician', 'operator'],
    );
    assert.deepEqual(
      mapClaimsToRoles(claims, { roleClaim: 'nhsid_nrbac_roles', roleMap: { 'S8000:G8000:R8000': 'analyst' } }),
      { roles: ['analyst'], organisationCode: 'RRK' },
    );
  });

  it('should read plain role lists and nested claims from other providers', () => {
    const keycloak = { realm_access: { roles: ['trustops-admin', 'offline_access'] } };
    assert.deepEqual(
      mapClaimsToRoles(keycloak, { roleClaim: 'realm_access.roles', roleMap: { 'trustops-admin': 'admin' } }).roles,
      ['admin'],
    );
    assert.deepEqual(
      mapClaimsToRoles({ role: 'Supervisors' }, { roleClaim: 'role', roleMap: { Supervisors: 'supervisor' } }).roles,
      ['supervisor'],
    );
  });

  it('should grant nothing for unknown values or a missing claim', () => {
    assert.deepEqual(mapClaimsToRoles({ roles: ['admin'] }, { roleClaim: 'roles', roleMap: {} }).roles, []);
    assert.deepEqual(mapClaimsToRoles({}, cis2).roles, []);
  });
});

describe(parseRoleMap.name, () => {
  it('should read claim-value=role pairs, including codes with colons', () => {
    assert.deepEqual(parseRoleMap(' R8000=clinician, S8000:G8000:R8008 = analyst '), {
      R8000: 'clinician',
      'S8000:G8000:R8008': 'analyst',
    });
    assert.deepEqual(parseRoleMap(undefined), {});
  });
});
