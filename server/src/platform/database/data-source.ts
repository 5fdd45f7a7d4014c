import 'reflect-metadata';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/load-config.js';
import { readEmbeddedDatabaseUrl } from '../infrastructure/embedded-postgres.js';
import { createDataSourceOptions } from './data-source-options.js';

/**
 * For the TypeORM CLI, e.g. `npx typeorm migration:show -d server/dist/platform/database/data-source.js`.
 * Uses DATABASE_URL, or else the embedded database of DATA_DIR (which must be running: `npm start`).
 */
const env = loadConfig(process.env);
const url = env.DATABASE_URL ?? (await readEmbeddedDatabaseUrl(resolve(env.DATA_DIR), env.EMBEDDED_POSTGRES_PORT));
if (!url) {
  throw new Error('Set DATABASE_URL, or start TrustOps once (`npm start`) so that its embedded database exists.');
}

export default new DataSource(
  createDataSourceOptions(url, {
    migrationsRun: false,
    logger: 'advanced-console',
    logging: ['error', 'warn', 'schema', 'migration'],
  }),
);
