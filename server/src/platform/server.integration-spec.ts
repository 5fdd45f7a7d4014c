import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { PlatformStatusResponse } from '@trustops/contracts';
import { platformVersion } from './app-info.js';
import { readEmbeddedDatabaseUrl } from './infrastructure/embedded-postgres.js';
import { findFreePort } from './infrastructure/free-port.js';
import { spawnServer, type ServerProcess } from './testing/spawn-server.js';
import { createTestDatabase, deleteRedisKeys, TEST_REDIS_URL, uniqueQueuePrefix } from './testing/test-services.js';

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}

async function stopCleanly(server: ServerProcess): Promise<void> {
  server.kill('SIGTERM');
  const { code, signal } = await server.exited;
  assert.equal(signal, null, server.stderr());
  assert.equal(code, 0, `exit code ${code}\n${server.stderr()}`);
}

describe('server process (dist/main.js)', { timeout: 120_000 }, () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('should start on a configured database, be ready, report its status and stop on SIGTERM', async () => {
    const database = await createTestDatabase();
    const queuePrefix = uniqueQueuePrefix();
    cleanups.push(
      () => database.drop(),
      () => deleteRedisKeys(queuePrefix),
    );

    const server = spawnServer({
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      PORT: '0',
      NODE_ENV: 'test',
    });
    const url = await server.ready;

    const ready = await getJson<{ status: string; details: Record<string, { status: string }> }>(`${url}/health/ready`);
    assert.equal(ready.status, 200);
    assert.equal(ready.body.details['database']?.status, 'up');
    assert.equal(ready.body.details['redis']?.status, 'up');

    const status = await getJson<PlatformStatusResponse>(`${url}/api/status`);
    assert.equal(status.status, 200);
    assert.deepEqual(
      { ...status.body, startedAt: undefined },
      {
        name: 'TrustOps',
        version: platformVersion(),
        environment: 'test',
        role: 'all',
        startedAt: undefined,
        database: { state: 'up', source: 'configured' },
        queues: { state: 'up', source: 'configured' },
        modelEngine: { engine: 'offline', label: 'Offline engine (no AI model connected)' },
      },
    );
    assert.ok(!Number.isNaN(Date.parse(status.body.startedAt)));

    assert.match(
      server.stdout(),
      /Database: PostgreSQL at 127\.0\.0\.1:5432\/trustops_test_\w+ \(configured by DATABASE_URL\)/,
    );
    assert.match(server.stdout(), /Queues: Redis at redis:\/\/127\.0\.0\.1:6379 \(configured by REDIS_URL\)/);
    await stopCleanly(server);
    assert.match(server.stdout(), /Queue workers drained/);
  });

  it('should run on an embedded PostgreSQL when DATABASE_URL is unset, keeping its data across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'trustops-embedded-'));
    // When the tests run as root, PostgreSQL runs as the `postgres` user, which must reach it.
    await chmod(dataDir, 0o755);
    const queuePrefix = uniqueQueuePrefix();
    cleanups.push(
      () => rm(dataDir, { recursive: true, force: true }),
      () => deleteRedisKeys(queuePrefix),
    );
    const port = await findFreePort();
    const env = {
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(port),
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      PORT: '0',
    };

    const first = spawnServer(env);
    cleanups.push(() => Promise.resolve(void first.kill('SIGKILL')));
    const firstUrl = await first.ready;
    assert.equal((await fetch(`${firstUrl}/health/ready`)).status, 200);
    const status = await getJson<PlatformStatusResponse>(`${firstUrl}/api/status`);
    assert.deepEqual(status.body.database, { state: 'up', source: 'embedded' });
    assert.match(first.stdout(), /Initialising a new PostgreSQL cluster/);
    assert.match(first.stdout(), /Database: embedded PostgreSQL on 127\.0\.0\.1:\d+, data in .*\(created now/);

    const databaseUrl = await readEmbeddedDatabaseUrl(dataDir, port);
    assert.ok(databaseUrl);
    await withClient(databaseUrl, (client) =>
      client.query(`INSERT INTO tenants (slug, name) VALUES ('restart-check', 'Survives a restart')`),
    );
    await stopCleanly(first);
    assert.match(first.stdout(), /Database: embedded PostgreSQL stopped/);

    const second = spawnServer(env);
    cleanups.push(() => Promise.resolve(void second.kill('SIGKILL')));
    const secondUrl = await second.ready;
    assert.equal((await fetch(`${secondUrl}/health/ready`)).status, 200);
    assert.doesNotMatch(second.stdout(), /Initialising a new PostgreSQL cluster/);
    assert.match(second.stdout(), /existing data kept/);
    const rows = await withClient(databaseUrl, (client) =>
      client.query(`SELECT name FROM tenants WHERE slug = 'restart-check'`),
    );
    assert.deepEqual(rows.rows, [{ name: 'Survives a restart' }]);
    await stopCleanly(second);
  });

  it('should refuse a bad configuration value within seconds, naming the variable and what it expects', async () => {
    const started = Date.now();
    const server = spawnServer({ PORT: 'eighty', ROLE: 'boss' });
    const { code } = await server.exited;
    assert.notEqual(code, 0);
    assert.ok(Date.now() - started < 10_000, 'took too long');
    assert.match(server.stderr(), /PORT must be a whole number between 0 and 65535 .*\(got "eighty"\)/);
    assert.match(server.stderr(), /ROLE must be one of all, api, worker, scheduler \(got "boss"\)/);
    assert.doesNotMatch(server.stderr(), /at .*\.js:\d+/, 'no stack trace');
  });
});

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
