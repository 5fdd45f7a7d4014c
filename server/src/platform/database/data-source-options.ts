import { migrations } from '@trustops/migrations';
import type { DataSourceOptions } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { entities } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { TypeOrmNestLogger } from './typeorm-logger.js';

/**
 * The one description of TrustOps' database, shared by the app, the TypeORM CLI
 * (`data-source.ts`), the migration generator and the tests.
 */
export function createDataSourceOptions(
  url: string,
  overrides: Partial<PostgresDataSourceOptions> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    applicationName: 'trustops',
    entities,
    migrations,
    migrationsTableName: 'migrations',
    // Each migration in its own transaction: a failure leaves the ones before it applied.
    migrationsTransactionMode: 'each',
    migrationsRun: true,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension (and no superuser) is needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logger: new TypeOrmNestLogger(),
    maxQueryExecutionTime: 1000,
    ...overrides,
  };
}
