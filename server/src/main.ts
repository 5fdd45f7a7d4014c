import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { AppConfig } from './platform/config/app-config.js';
import { ConfigurationError, loadConfig } from './platform/config/load-config.js';
import { configureApplication } from './platform/http/configure-application.js';
import { findFreePort } from './platform/infrastructure/free-port.js';
import { InfrastructureError, type Infrastructure } from './platform/infrastructure/infrastructure.js';
import { startInfrastructure } from './platform/infrastructure/start-infrastructure.js';
import { BootstrapLogger } from './platform/logging/bootstrap-logger.js';
import { createRootLogger } from './platform/logging/logger.js';

async function main(): Promise<void> {
  let env;
  try {
    env = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const logger = createRootLogger(env);
  let infrastructure: Infrastructure | undefined;
  let app: NestExpressApplication | undefined;

  // Our own signal handling rather than Nest's enableShutdownHooks: the embedded database
  // must stop after Nest has closed, and the whole shutdown must fit in SHUTDOWN_TIMEOUT_MS.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `Received ${signal}: finishing work in progress, then stopping`);
    setTimeout(() => {
      logger.error(`Shutdown took longer than SHUTDOWN_TIMEOUT_MS (${env.SHUTDOWN_TIMEOUT_MS} ms); exiting anyway`);
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS).unref();
    try {
      await app?.close();
      await infrastructure?.stop();
      logger.info('Stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'Shutdown failed');
      process.exit(1);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (received) => void stop(received));

  try {
    // PORT=0 means any free port; choose it now so that PUBLIC_URL's default (sign-in callbacks,
    // the development identity provider) names the port actually served.
    if (env.PORT === 0) env.PORT = await findFreePort(env.HOST);
    infrastructure = await startInfrastructure(env, logger, { searchPath: process.env['PATH'] });
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ env, infrastructure, logger }), {
      logger: new BootstrapLogger(logger),
      // Throw start-up errors to us (instead of process.abort()) so the embedded database is stopped.
      abortOnError: false,
    });
    app.useLogger(app.get(Logger));
    configureApplication(app);
    await app.listen(env.PORT, env.HOST);
    const url = app.get(AppConfig).publicUrl;
    logger.info({ url, role: env.ROLE }, `TrustOps is running at ${url} (ROLE=${env.ROLE})`);
  } catch (error) {
    if (error instanceof InfrastructureError) console.error(error.message);
    logger.fatal({ err: error }, 'TrustOps could not start');
    await app?.close().catch(() => undefined);
    await infrastructure?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
