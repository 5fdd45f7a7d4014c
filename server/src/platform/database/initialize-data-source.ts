import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';

/** Arbitrary, fixed: the advisory lock every TrustOps process takes while it migrates. */
const MIGRATION_LOCK = 7_305_112_041;

/**
 * Connects, running pending migrations first when `migrationsRun` is set. Several processes
 * (api, worker, scheduler) may start at once against one database, so migrations run under a
 * PostgreSQL advisory lock: the first migrates, the others wait and then find nothing to do.
 */
export async function initializeDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource(options);
  if (!options.migrationsRun || options.type !== 'postgres') return dataSource.initialize();
  const lock = new pg.Client({ connectionString: options.url, application_name: 'trustops-migrations' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await dataSource.initialize();
  } finally {
    // Ending the session releases the lock.
    await lock.end();
  }
}
