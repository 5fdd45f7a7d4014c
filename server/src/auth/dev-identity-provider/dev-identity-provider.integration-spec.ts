import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startAuthTestApp } from '../testing/auth-test-app.js';
import { DevIdentityProvider } from './dev-identity-provider.js';
import { devIdentityProviderStatePath } from './dev-identity-provider-state.js';

describe(DevIdentityProvider.name, () => {
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'trustops-idp-'));
  });

  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should publish CIS2-like discovery at /oidc and keep its keys across restarts', async () => {
    const first = await startAuthTestApp({ dataDir });
    let firstKeys: string[];
    try {
      const discovery = (await (await fetch(`${first.url}/oidc/.well-known/openid-configuration`)).json()) as Record<
        string,
        unknown
      >;
      assert.equal(discovery['issuer'], `${first.url}/oidc`);
      assert.ok(discovery['end_session_endpoint']);
      for (const scope of ['openid', 'profile', 'email', 'nationalrbacaccess', 'selectedrole']) {
        assert.ok((discovery['scopes_supported'] as string[]).includes(scope), scope);
      }
      for (const claim of ['acr', 'nhsid_useruid', 'nhsid_nrbac_roles', 'selected_roleid', 'email', 'name']) {
        assert.ok((discovery['claims_supported'] as string[]).includes(claim), claim);
      }
      assert.deepEqual(discovery['acr_values_supported'], ['AAL3_ANY']);
      firstKeys = ((await (await fetch(`${first.url}/oidc/jwks`)).json()) as { keys: { kid: string }[] }).keys.map(
        (key) => key.kid,
      );
      const file = await stat(devIdentityProviderStatePath(dataDir));
      assert.equal(file.mode & 0o077, 0, 'the key file is readable by its owner only');
    } finally {
      await first.close();
    }

    const second = await startAuthTestApp({ dataDir });
    try {
      const keys = ((await (await fetch(`${second.url}/oidc/jwks`)).json()) as { keys: { kid: string }[] }).keys.map(
        (key) => key.kid,
      );
      assert.deepEqual(keys, firstKeys);
    } finally {
      await second.close();
    }
  });

  it('should not be mounted when a real issuer is configured', async () => {
    const app = await startAuthTestApp({
      env: {
        OIDC_ISSUER: 'https://cis2.example.nhs.uk/openam/oauth2/realms/root/realms/oidc',
        OIDC_CLIENT_SECRET: 'unused',
      },
    });
    try {
      const response = await fetch(`${app.url}/oidc/.well-known/openid-configuration`);
      assert.equal(response.status, 404);
    } finally {
      await app.close();
    }
  });
});
