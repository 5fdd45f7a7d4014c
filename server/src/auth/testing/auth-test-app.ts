import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from '../../app.module.js';
import { loadConfig } from '../../platform/config/load-config.js';
import type { ScratchDatabase } from '../../platform/database/scratch-database.js';
import { configureApplication } from '../../platform/http/configure-application.js';
import { Infrastructure } from '../../platform/infrastructure/infrastructure.js';
import { createRootLogger } from '../../platform/logging/logger.js';
import {
  createTestDatabase,
  deleteRedisKeys,
  TEST_REDIS_URL,
  uniqueQueuePrefix,
} from '../../platform/testing/test-services.js';

export interface AuthTestApp {
  app: NestExpressApplication;
  /** `http://127.0.0.1:<port>`, also the public URL (so the development provider's issuer is `<url>/oidc`). */
  url: string;
  database: ScratchDatabase;
  dataDir: string;
  /** Runs SQL on the app's database. */
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  logText(): string;
  close(): Promise<void>;
}

/**
 * The whole application with the development identity provider, on a fresh database and data
 * folder. Unlike the platform's startTestApp it listens on a port chosen beforehand, because the
 * provider's issuer (and so every redirect) contains the public URL.
 */
export async function startAuthTestApp(
  options: { env?: Record<string, string>; dataDir?: string; controllers?: Type[] } = {},
): Promise<AuthTestApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'trustops-auth-')));
  const database = await createTestDatabase();
  const queuePrefix = uniqueQueuePrefix();
  const env = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: queuePrefix,
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    ...options.env,
  });
  const output: string[] = [];
  const logger = createRootLogger(env, { write: (line: string) => void output.push(line) });
  let app: NestExpressApplication | undefined;
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule.forRoot({ env, infrastructure: Infrastructure.configured(database.url, TEST_REDIS_URL), logger }),
      ],
      controllers: options.controllers ?? [],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
    app.useLogger(app.get(Logger));
    configureApplication(app);
    await app.listen(port, '127.0.0.1');
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.drop();
    throw error;
  }
  const started = app;
  const dataSource = started.get(DataSource);
  return {
    app: started,
    url,
    database,
    dataDir,
    query: (sql, parameters) => dataSource.query(sql, parameters),
    logText: () => output.join(''),
    close: async () => {
      await started.close();
      await database.drop();
      await deleteRedisKeys(queuePrefix);
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
