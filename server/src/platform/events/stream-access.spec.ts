import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Permission } from '@trustops/contracts';
import type { Principal } from '../../rbac/principal.js';
import { StreamAccess } from './stream-access.js';

const RUN = '5e0d7b8c-3a2f-4b1d-8c6e-9f0a1b2c3d4e';

function principal(...permissions: Permission[]): Principal {
  return {
    userId: 'u',
    displayName: 'Sam',
    tenantId: 't',
    roles: [],
    permissions: new Set(permissions),
    via: 'session',
  };
}

describe(StreamAccess.name, () => {
  it('should refuse with 403 and name the permission when the principal lacks it, before asking the check', async () => {
    const sut = new StreamAccess();
    let asked = false;
    sut.register('run', () => ((asked = true), Promise.resolve(true)));
    const decision = await sut.decide(principal('decisions:read'), { kind: 'run', id: RUN });
    assert.deepEqual(decision, {
      allowed: false,
      statusCode: 403,
      message: 'You do not have permission to follow this: it needs "See runs and their results" (runs:read).',
    });
    assert.equal(asked, false);
  });

  it("should answer 404 when the kind's check says no, and when no module checks that kind", async () => {
    const sut = new StreamAccess();
    sut.register('run', (_principal, id) => Promise.resolve(id === RUN));
    assert.deepEqual(await sut.decide(principal('runs:read'), { kind: 'run', id: RUN }), { allowed: true });
    const missing = await sut.decide(principal('runs:read'), {
      kind: 'run',
      id: '00000000-0000-4000-8000-000000000000',
    });
    assert.deepEqual(missing, {
      allowed: false,
      statusCode: 404,
      message: 'There is no such run, or it is not in your organisation.',
    });
    assert.equal((await sut.decide(principal('incidents:read'), { kind: 'incident', id: RUN })).allowed, false);
  });

  it('should let the inbox through on its permission alone unless a module adds a check', async () => {
    const sut = new StreamAccess();
    assert.deepEqual(await sut.decide(principal('decisions:read'), { kind: 'inbox' }), { allowed: true });
    sut.register('inbox', () => Promise.resolve(false));
    assert.equal((await sut.decide(principal('decisions:read'), { kind: 'inbox' })).allowed, false);
  });
});
