import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startAuthTestApp, type AuthTestApp } from '../testing/auth-test-app.js';
import { signIn } from '../testing/sign-in.js';
import { TestBrowser } from '../testing/test-browser.js';
import { OidcClientService } from './oidc-client.service.js';

describe(`${OidcClientService.name} with private_key_jwt`, () => {
  let testApp: AuthTestApp;

  before(async () => {
    testApp = await startAuthTestApp({ env: { OIDC_CLIENT_AUTH: 'private_key_jwt', OIDC_PRIVATE_KEY_ALG: 'RS512' } });
  });

  after(async () => {
    await testApp?.close();
  });

  it('should authenticate to the token endpoint with a signed client assertion, as NHS CIS2 requires', async () => {
    const discovery = (await (await fetch(`${testApp.url}/oidc/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    assert.ok((discovery['token_endpoint_auth_methods_supported'] as string[]).includes('private_key_jwt'));
    assert.ok((discovery['code_challenge_methods_supported'] as string[]).includes('S256'));

    const session = await signIn(new TestBrowser(testApp.url), 'compliance');
    assert.deepEqual(session.roles, ['compliance']);
  });

  it('should refuse a client that tries the shared secret instead', async () => {
    const response = await fetch(`${testApp.url}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('trustops:guess').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=authorization_code&code=nothing&redirect_uri=x',
    });
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_client');
  });
});
