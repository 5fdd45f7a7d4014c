import { createHash } from 'node:crypto';
import { DefaultNamingStrategy, type NamingStrategyInterface, type Table, type View } from 'typeorm';

/** PostgreSQL silently truncates longer identifiers, which would make schema diffs flap. */
const MAX_IDENTIFIER_LENGTH = 63;

/** `tenantId` → `tenant_id`, `HTTPRequest` → `http_request`, `step2Result` → `step2_result`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[\s.-]+/g, '_')
    .toLowerCase();
}

/**
 * Tables and columns in snake_case, and constraints named after what they constrain
 * (`pk_tenants`, `uq_tenants_slug`, `fk_runs_tenant_id`) so that errors and migrations read well.
 * Names that would exceed PostgreSQL's 63 characters end in a short hash instead.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(targetName: string, userSpecifiedName: string | undefined): string {
    return userSpecifiedName ?? snakeCase(targetName);
  }

  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return snakeCase([...embeddedPrefixes, customName ?? propertyName].join('_'));
  }

  override relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override joinTableName(firstTableName: string, secondTableName: string, firstPropertyName: string): string {
    return snakeCase(`${firstTableName}_${firstPropertyName.replace(/\./g, '_')}_${secondTableName}`);
  }

  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snakeCase(`${tableName}_${columnName ?? propertyName}`);
  }

  override primaryKeyName(tableOrName: Table | string, _columnNames?: string[]): string {
    return constraintName('pk', this.getTableName(tableOrName), []);
  }

  override uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return constraintName('uq', this.getTableName(tableOrName), columnNames);
  }

  override relationConstraintName(tableOrName: Table | string, columnNames: string[], where?: string): string {
    return constraintName('rel', this.getTableName(tableOrName), columnNames, where);
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return constraintName('fk', this.getTableName(tableOrName), columnNames);
  }

  override indexName(tableOrName: Table | View | string, columnNames: string[], where?: string): string {
    const table = typeof tableOrName === 'string' ? tableOrName : tableOrName.name;
    return constraintName('ix', this.getTableName(table), columnNames, where);
  }

  override checkConstraintName(tableOrName: Table | string, expression: string, isEnum?: boolean): string {
    return constraintName(isEnum ? 'enum' : 'ck', this.getTableName(tableOrName), [], expression);
  }

  override exclusionConstraintName(tableOrName: Table | string, expression: string): string {
    return constraintName('xcl', this.getTableName(tableOrName), [], expression);
  }

  override defaultConstraintName(tableOrName: Table | string, columnName: string): string {
    return constraintName('df', this.getTableName(tableOrName), [columnName]);
  }
}

/**
 * `prefix_table_col1_col2`, with a hash of `discriminator` (a partial index's WHERE, a check's
 * expression) appended when there is one, and shortened to a hash when too long.
 */
export function constraintName(prefix: string, table: string, columnNames: string[], discriminator?: string): string {
  const unqualifiedTable = table.split('.').pop() ?? table;
  const readable = [prefix, unqualifiedTable, ...columnNames].join('_');
  const suffix = discriminator ? `_${shortHash(discriminator)}` : '';
  if (readable.length + suffix.length <= MAX_IDENTIFIER_LENGTH) return readable + suffix;
  const hashed = `_${shortHash(readable + suffix)}`;
  return readable.slice(0, MAX_IDENTIFIER_LENGTH - hashed.length) + hashed;
}

function shortHash(input: string): string {
  return createHash('sha256').update(input).digest('hex').slice(0, 10);
}
