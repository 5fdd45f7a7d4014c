import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrations } from '@trustops/migrations';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../testing/test-services.js';
import type { ScratchDatabase } from './scratch-database.js';
import { createDataSourceOptions } from './data-source-options.js';
import { diffSchema } from './schema-diff.js';

/** Everything in the public schema a migration could leave behind, by kind. */
async function schemaObjects(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ kind: string; name: string }> = await dataSource.query(`
    SELECT 'relation ' || c.relkind::text AS kind, c.relname AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
    UNION ALL
    SELECT 'type', t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0
    UNION ALL
    SELECT 'function', p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
    UNION ALL
    SELECT 'extension', e.extname FROM pg_extension e WHERE e.extname <> 'plpgsql'
    ORDER BY 1, 2`);
  return rows.map((row) => `${row.kind} ${row.name}`);
}

describe('migrations', () => {
  let database: ScratchDatabase;
  let dataSource: DataSource;

  before(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(
      createDataSourceOptions(database.url, {
        migrationsRun: false,
        logger: 'advanced-console',
        logging: ['error', 'warn'],
      }),
    ).initialize();
  });

  after(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('should run up on an empty database and leave no schema change pending', async () => {
    assert.ok(migrations.length > 0);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    assert.equal(applied.length, migrations.length);

    const diff = await diffSchema(dataSource);
    assert.deepEqual(
      diff.up.map((query) => query.query),
      [],
      'The entities and the migrations disagree: run `npm run migration:generate -w server -- <Intent>`',
    );
  });

  it('should run all the way down, leaving nothing but the migrations table', async () => {
    for (let step = 0; step < migrations.length; step++) await dataSource.undoLastMigration({ transaction: 'each' });

    assert.deepEqual(await dataSource.query('SELECT * FROM migrations'), []);
    const left = (await schemaObjects(dataSource)).filter(
      (object) => !/ migrations(_id_seq|_pkey|$)|pk_migrations/.test(object),
    );
    assert.deepEqual(left, []);
  });

  it('should run up again after coming down', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    assert.equal(applied.length, migrations.length);
  });
});
