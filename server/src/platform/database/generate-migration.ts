import 'reflect-metadata';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { findRepositoryRoot } from '../app-info.js';
import { loadConfig } from '../config/load-config.js';
import { startEmbeddedPostgres } from '../infrastructure/embedded-postgres.js';
import { findFreePort } from '../infrastructure/free-port.js';
import { createDataSourceOptions } from './data-source-options.js';
import { createScratchDatabase } from './scratch-database.js';
import { addMigrationToIndex } from './migration-index.js';
import { diffSchema, type SchemaDiff, type SchemaQuery } from './schema-diff.js';

const USAGE = `Usage:
  npm run migration:generate -w server -- <PascalCaseIntent>   write migrations/src/<epoch>-<Intent>.ts and list it
  npm run migration:check -w server                            fail if the entities need a migration

Runs every migration on a scratch database, then compares the result with the entities.
Uses the PostgreSQL server of DATABASE_URL, or else a throwaway embedded PostgreSQL.`;

/**
 * The migration generator: what `typeorm migration:generate` does, but against a scratch database
 * (so the answer never depends on the state of anyone's development database), writing our file
 * layout and adding the migration to `migrations/src/index.ts`.
 */
async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const intent = argv.find((argument) => !argument.startsWith('-'));
  if (!check && (!intent || !/^[A-Z][A-Za-z0-9]*$/.test(intent))) {
    console.error(`${USAGE}\n\nThe intent must be PascalCase, e.g. CreateRuns or AddDeadlineToDecisions.`);
    return 2;
  }

  const diff = await diffAgainstMigrations();
  if (diff.up.length === 0) {
    console.log('No changes: the migrations already describe the entities.');
    return check ? 0 : 1;
  }
  if (check) {
    console.error(
      `The entities differ from the migrations. Generate a migration:\n\n${diff.up.map((q) => `  ${q.query};`).join('\n')}`,
    );
    return 1;
  }

  const timestamp = Date.now();
  const className = `${intent}${timestamp}`;
  const fileName = `${timestamp}-${intent}`;
  const folder = join(findRepositoryRoot(), 'migrations', 'src');
  await writeFile(join(folder, `${fileName}.ts`), migrationSource(className, diff));
  const indexFile = join(folder, 'index.ts');
  await writeFile(indexFile, addMigrationToIndex(await readFile(indexFile, 'utf8'), className, fileName));
  console.log(
    `Wrote migrations/src/${fileName}.ts and listed it in migrations/src/index.ts. Review it before committing.`,
  );
  return 0;
}

async function diffAgainstMigrations(): Promise<SchemaDiff> {
  const env = loadConfig(process.env);
  const cleanups: Array<() => Promise<void>> = [];
  try {
    let serverUrl = env.DATABASE_URL;
    if (!serverUrl) {
      const dataDir = await mkdtemp(join(tmpdir(), 'trustops-migrations-'));
      await chmod(dataDir, 0o755);
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const embedded = await startEmbeddedPostgres({
        dataDir,
        port: await findFreePort(),
        logger: pino({ level: 'warn' }),
      });
      cleanups.push(() => embedded.stop());
      serverUrl = embedded.url;
    }
    const scratch = await createScratchDatabase(serverUrl, 'trustops_migration');
    cleanups.push(() => scratch.drop());
    const dataSource = await new DataSource(
      createDataSourceOptions(scratch.url, { logger: 'advanced-console', logging: ['error'] }),
    ).initialize();
    try {
      return await diffSchema(dataSource);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}

function migrationSource(className: string, diff: SchemaDiff): string {
  const statements = (queries: SchemaQuery[]): string =>
    queries
      .map(({ query, parameters }) => {
        const literal = query.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${');
        return `    await queryRunner.query(\`${literal}\`${parameters ? `, ${JSON.stringify(parameters)}` : ''});`;
      })
      .join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities by \`npm run migration:generate\`. Never edit it once it has landed. */
export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${statements(diff.up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${statements(diff.down)}
  }
}
`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
