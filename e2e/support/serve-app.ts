// Playwright's webServer command: runs the BUILT server (server/dist/main.js) on a database and a
// queue prefix of its own, and removes both when Playwright stops it.
//
// Why a launcher rather than globalSetup/globalTeardown: Playwright starts webServer before
// globalSetup and stops it after globalTeardown, so a database made in globalSetup would not exist
// when the server starts, and dropping it in globalTeardown would pull it from under a live server.
// Here the database lives exactly as long as the server that uses it.
//
// Runs directly under Node 24 (type stripping), so it imports nothing from this folder.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';

const postgresUrl = process.env['TRUSTOPS_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env['TRUSTOPS_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const port = process.env['E2E_PORT'];
const logFile = process.env['E2E_SERVER_LOG'];
if (port === undefined) throw new Error('E2E_PORT is not set: run this through `playwright test`');

const serverMain = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));
const databaseName = process.env['E2E_DATABASE_NAME'] ?? `trustops_e2e_${randomBytes(4).toString('hex')}`;
const queuePrefix = `trustops-e2e-${databaseName.replace(/^trustops_e2e_/, '')}`;

async function onPostgres(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function deleteQueueKeys(): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

await onPostgres(`CREATE DATABASE "${databaseName}"`);
const databaseUrl = new URL(postgresUrl);
databaseUrl.pathname = `/${databaseName}`;
console.error(`[e2e] database ${databaseName}, queue prefix ${queuePrefix}, http://127.0.0.1:${port}`);

const server = spawn(process.execPath, ['--enable-source-maps', serverMain], {
  env: {
    ...process.env,
    NODE_ENV: 'development',
    ROLE: 'all',
    HOST: '127.0.0.1',
    PORT: port,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    ANTHROPIC_API_KEY: '',
    LOG_LEVEL: process.env['E2E_SERVER_LOG_LEVEL'] ?? 'info',
    SHUTDOWN_TIMEOUT_MS: '5000',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
if (logFile !== undefined) {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  server.stdout.pipe(log);
  server.stderr.pipe(log);
} else {
  server.stdout.resume();
}
server.stderr.pipe(process.stderr);

const exited = new Promise<number>((resolve) =>
  server.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
);

let cleanUpOnce: Promise<void> | undefined;
async function cleanUp(): Promise<void> {
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    const killer = setTimeout(() => server.kill('SIGKILL'), 8000);
    await exited;
    clearTimeout(killer);
  }
  const results = await Promise.allSettled([
    onPostgres(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`),
    deleteQueueKeys(),
  ]);
  for (const result of results) {
    if (result.status === 'rejected') console.error('[e2e] clean-up failed:', result.reason);
  }
}
function stop(exitCode: number): void {
  cleanUpOnce ??= cleanUp();
  void cleanUpOnce.then(() => process.exit(exitCode));
}

// Playwright stops the webServer by signalling its whole process group: the server gets the
// signal too and shuts down gracefully, then the database and queue keys go.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stop(0));
void exited.then((code) => {
  if (cleanUpOnce === undefined) {
    console.error(`[e2e] the server exited on its own (code ${code}); see ${logFile ?? 'its output'}`);
    stop(code === 0 ? 1 : code);
  }
});
