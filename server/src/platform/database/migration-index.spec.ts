import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMigrationToIndex } from './migration-index.js';

describe(addMigrationToIndex.name, () => {
  it('should add the first migration to an empty list', () => {
    const source = `import type { MigrationInterface } from 'typeorm';\n\n/** Doc. */\nexport const migrations: Array<new () => MigrationInterface> = [];\n`;
    assert.equal(
      addMigrationToIndex(source, 'CreateTenants1', '1-CreateTenants'),
      `import type { MigrationInterface } from 'typeorm';\nimport { CreateTenants1 } from './1-CreateTenants.js';\n\n/** Doc. */\nexport const migrations: Array<new () => MigrationInterface> = [\n  CreateTenants1,\n];\n`,
    );
  });

  it('should append after the existing migrations', () => {
    const source = `import type { MigrationInterface } from 'typeorm';\nimport { A1 } from './1-A.js';\n\nexport const migrations: Array<new () => MigrationInterface> = [\n  A1,\n];\n`;
    assert.equal(
      addMigrationToIndex(source, 'B2', '2-B'),
      `import type { MigrationInterface } from 'typeorm';\nimport { A1 } from './1-A.js';\nimport { B2 } from './2-B.js';\n\nexport const migrations: Array<new () => MigrationInterface> = [\n  A1,\n  B2,\n];\n`,
    );
  });
});
