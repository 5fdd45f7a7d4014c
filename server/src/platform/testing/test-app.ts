import type { Provider, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../../app.module.js';
import { loadConfig } from '../config/load-config.js';
import type { ScratchDatabase } from '../database/scratch-database.js';
import { configureApplication } from '../http/configure-application.js';
import { findFreePort } from '../infrastructure/free-port.js';
import { Infrastructure } from '../infrastructure/infrastructure.js';
import { createRootLogger } from '../logging/logger.js';
import { createTestDatabase, deleteRedisKeys, TEST_REDIS_URL, uniqueQueuePrefix } from './test-services.js';

export interface TestApp {
  app: NestExpressApplication;
  /** `http://127.0.0.1:<port>` (also AppConfig.publicUrl, unless PUBLIC_URL is given). */
  url: string;
  database: ScratchDatabase;
  /** Every log line written so far, parsed. */
  logLines(): Array<Record<string, unknown>>;
  /** The raw log output so far. */
  logText(): string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Environment variables, as strings, on top of the test defaults. */
  env?: Record<string, string>;
  /** Test-only controllers and providers, added beside AppModule. */
  controllers?: Type[];
  providers?: Provider[];
  /** Another test app's database, to run a second instance of the same deployment; not dropped on close. */
  database?: ScratchDatabase;
}

/**
 * The whole application in-process, configured as main.ts configures it, on a fresh database
 * and its own Redis key prefix, listening on a free port. Logs are captured, not printed.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const ownsDatabase = !options.database;
  const queuePrefix = uniqueQueuePrefix();
  // A real port from the start, so that AppConfig.publicUrl is the address served.
  const port = await findFreePort();
  const env = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    QUEUE_PREFIX: queuePrefix,
    PORT: String(port),
    ...options.env,
  });
  const output: string[] = [];
  const logger = createRootLogger(env, { write: (line: string) => void output.push(line) });
  const infrastructure = Infrastructure.configured(database.url, TEST_REDIS_URL);
  let app: NestExpressApplication | undefined;
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot({ env, infrastructure, logger })],
      controllers: options.controllers ?? [],
      providers: options.providers ?? [],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true });
    app.useLogger(app.get(Logger));
    configureApplication(app);
    await app.listen(env.PORT, '127.0.0.1');
  } catch (error) {
    await app?.close().catch(() => undefined);
    if (ownsDatabase) await database.drop();
    throw error;
  }
  const started = app;
  return {
    app: started,
    url: `http://127.0.0.1:${port}`,
    database,
    logText: () => output.join(''),
    logLines: () => output.map((line) => JSON.parse(line) as Record<string, unknown>),
    close: async () => {
      await started.close();
      if (ownsDatabase) await database.drop();
      await deleteRedisKeys(queuePrefix);
    },
  };
}
