import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppConfig } from '../platform/config/app-config.js';
import { ConfigurationError, loadConfig } from '../platform/config/load-config.js';
import { AuthSettings, IdentityConfigurationError } from './auth-settings.js';

describe(AuthSettings.name, () => {
  let dataDir: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'trustops-settings-'));
  });

  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('should refuse to start in production without a real identity provider or session secret', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigurationError);
        assert.match(
          error.message,
          /OIDC_ISSUER .* required when NODE_ENV=production, where the development identity provider is refused/,
        );
        assert.match(error.message, /SESSION_SECRET is required when NODE_ENV=production/);
        return true;
      },
    );
    const env = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir });
    env.NODE_ENV = 'production';
    assert.throws(() => new AuthSettings(new AppConfig(env)), IdentityConfigurationError);
  });

  it('should use the development identity provider at /oidc when no issuer is set', () => {
    const settings = new AuthSettings(new AppConfig(loadConfig({ DATA_DIR: dataDir, PORT: '4100' })));
    assert.equal(settings.usesDevelopmentIdentityProvider, true);
    assert.equal(settings.issuer, 'http://127.0.0.1:4100/oidc');
    assert.equal(settings.callbackUrl, 'http://127.0.0.1:4100/auth/callback');
    assert.equal(settings.secureCookies, false);
    assert.equal(settings.roleMap['S9990:G9990:R9005'], 'admin', 'development codes map only here');
    assert.equal(
      new AuthSettings(new AppConfig(loadConfig({ DATA_DIR: dataDir }))).sessionSecret,
      settings.sessionSecret,
      'the generated secret is kept',
    );
  });

  it('should take a real provider, its role map and secure cookies from the configuration', () => {
    const settings = new AuthSettings(
      new AppConfig(
        loadConfig({
          DATA_DIR: dataDir,
          NODE_ENV: 'production',
          PUBLIC_URL: 'https://trustops.example.nhs.uk',
          OIDC_ISSUER: 'https://am.nhsidentity.spineservices.nhs.uk/openam/oauth2/realms/root/realms/oidc',
          OIDC_CLIENT_ID: '123456789.apps.national',
          OIDC_CLIENT_SECRET: 'secret',
          OIDC_ROLE_MAP: 'R8008=operator,S8000:G8000:R8000=analyst',
          SESSION_SECRET: 'x'.repeat(48),
          SESSION_IDLE_MINUTES: '15',
        }),
      ),
    );
    assert.equal(settings.usesDevelopmentIdentityProvider, false);
    assert.equal(settings.secureCookies, true);
    assert.equal(settings.idleTimeoutMs, 15 * 60_000);
    assert.equal(settings.roleMap['R8008'], 'operator');
    assert.equal(settings.roleMap['S8000:G8000:R8000'], 'analyst');
    assert.equal(settings.roleMap['R8000'], 'clinician', 'defaults stay unless overridden');
    assert.equal(settings.roleMap['S9990:G9990:R9005'], undefined, 'no development codes with a real provider');
  });

  it('should explain a bad role map or a too-short session secret', () => {
    assert.throws(
      () => loadConfig({ OIDC_ROLE_MAP: 'R8000' }),
      /OIDC_ROLE_MAP must be a comma-separated list of claim-value=role pairs/,
    );
    assert.throws(() => loadConfig({ SESSION_SECRET: 'short' }), /SESSION_SECRET must be at least 32 characters/);
    assert.throws(
      () => loadConfig({ OIDC_CLIENT_AUTH: 'none' }),
      /OIDC_CLIENT_AUTH must be client_secret_basic or private_key_jwt/,
    );
  });
});
