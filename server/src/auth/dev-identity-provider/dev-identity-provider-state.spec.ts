import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadOrCreateDevIdentityProviderState } from './dev-identity-provider-state.js';

describe(loadOrCreateDevIdentityProviderState.name, () => {
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'trustops-idp-state-'));
  });

  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should generate keys and secrets once and read the same ones afterwards', () => {
    const first = loadOrCreateDevIdentityProviderState(join(dataDir, 'nested'));
    const second = loadOrCreateDevIdentityProviderState(join(dataDir, 'nested'));
    assert.deepEqual(second, first);
    assert.equal(first.signingKeys.length, 1);
    assert.equal(first.signingKeys[0].use, 'sig');
    assert.ok(first.signingKeys[0].d, 'a private signing key');
    assert.match(first.clientPrivateKeyPem, /BEGIN PRIVATE KEY/);
    assert.ok(first.clientSecret.length >= 40);
  });
});
