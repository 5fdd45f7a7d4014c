import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigurationError, loadConfig } from './load-config.js';

describe(loadConfig.name, () => {
  it('should apply the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    assert.equal(config.PORT, 3000);
    assert.equal(config.ROLE, 'all');
    assert.equal(config.DATABASE_URL, undefined);
    assert.deepEqual(config.CORS_ORIGINS, []);
  });

  it('should convert numbers and lists', () => {
    const config = loadConfig({ PORT: '8080', CORS_ORIGINS: 'https://a.example, https://b.example' });
    assert.equal(config.PORT, 8080);
    assert.deepEqual(config.CORS_ORIGINS, ['https://a.example', 'https://b.example']);
  });

  it('should treat an empty value as unset', () => {
    assert.equal(loadConfig({ PORT: '' }).PORT, 3000);
  });

  it('should name the bad variable and what it expects', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', ROLE: 'boss' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigurationError);
        assert.match(
          error.message,
          /PORT must be a whole number between 0 and 65535 \(0 picks any free port\) \(got "eighty"\)/,
        );
        assert.match(error.message, /ROLE must be one of all, api, worker, scheduler \(got "boss"\)/);
        return true;
      },
    );
  });

  it('should never echo a secret back', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db' }),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        assert.doesNotMatch(error.message, /hunter2/);
        assert.match(error.message, /DATABASE_URL must be a PostgreSQL connection URL/);
        return true;
      },
    );
  });
});
