import type { Pool, PoolClient, QueryResult } from 'pg';
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/** One statement and its `$n` parameters. */
export interface Statement {
  sql: string;
  parameters?: readonly unknown[];
  /**
   * The name to run it under as a prepared statement: PREPAREd once on each connection, then
   * EXECUTEd with the parameters, so PostgreSQL parses, analyses and plans its text once (for a
   * batch of step results that was a third of its work). For hot statements of one fixed text,
   * with a cast on each placeholder (which gives its type) and explicit columns: a prepared
   * `SELECT *` would fail once a migration adds a column.
   */
  prepared?: string;
}

/** The statements prepared on each connection (a connection's Client outlives its checkouts). */
const preparedOn = new WeakMap<PoolClient, Set<string>>();

/**
 * The values of a statement being written: `place` adds a value and answers what stands for it
 * in the text, `$n` — or, made with `inline()`, the value itself as an escaped literal (see
 * `inlineParameters`), for a statement sent in a StatementBatch. Writing the literal at once
 * spares a second pass over the finished text, which for a batch of step results (with their
 * events' JSON) is tens of kilobytes. One statement uses one kind throughout: inline text
 * mixed with `$n` could have a `$n` inside a literal replaced.
 */
export class SqlParameters {
  private constructor(
    readonly values: unknown[],
    private readonly inlined: boolean,
  ) {}

  /** Numbered `$n` placeholders; `values` holds `$1..$k` already used by statements written before. */
  static numbered(values: unknown[] = []): SqlParameters {
    return new SqlParameters(values, false);
  }

  /** Literals written into the text; `values` stays empty. */
  static inline(): SqlParameters {
    return new SqlParameters([], true);
  }

  /** What stands for the value in the text, followed by `::cast` when one is given. */
  place(value: unknown, cast?: string): string {
    if (this.inlined) return cast ? `${literal(value)}::${cast}` : literal(value);
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

/**
 * Several statements sent as one message (PostgreSQL's simple query protocol), for hot paths
 * where the round trip — waking a sleeping backend — costs more than the statements themselves.
 * The simple protocol takes no bind parameters, so values are written into the text as escaped
 * literals by `inlineParameters`; each statement still reads with its own snapshot.
 */
export class StatementBatch {
  private constructor(private readonly client: PoolClient) {}

  /**
   * Runs `work` with a connection of the data source's pool to itself, released afterwards. A
   * connection left inside a transaction by a failure is closed rather than given back.
   */
  static async with<T>(dataSource: DataSource, work: (batch: StatementBatch) => Promise<T>): Promise<T> {
    // TypeORM's own pool: its size and settings (DATABASE_POOL_SIZE) cover these connections too.
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    const client = await pool.connect();
    const batch = new StatementBatch(client);
    let broken: Error | undefined;
    try {
      return await work(batch);
    } catch (error) {
      broken = await batch.rollbackAfter(error);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Sends the statements (each with its own `$n` parameters, if any) as one message; one result each. */
  async run(statements: readonly Statement[]): Promise<QueryResult[]> {
    await this.prepare(statements);
    const text = statements.map((statement) => statementText(statement)).join(';\n');
    const results = (await this.client.query(text)) as QueryResult | QueryResult[];
    return Array.isArray(results) ? results : [results];
  }

  /**
   * PREPAREs on this connection the statements it has not prepared yet, in a message of their
   * own: a prepared statement outlives a transaction that rolls back, so it is only counted as
   * prepared once PostgreSQL has said so.
   */
  private async prepare(statements: readonly Statement[]): Promise<void> {
    let prepared = preparedOn.get(this.client);
    const missing = new Map<string, Statement>();
    for (const statement of statements)
      if (statement.prepared && !prepared?.has(statement.prepared)) missing.set(statement.prepared, statement);
    if (missing.size === 0) return;
    await this.client.query([...missing].map(([name, { sql }]) => `PREPARE ${name} AS ${sql}`).join(';\n'));
    prepared ??= new Set();
    for (const name of missing.keys()) prepared.add(name);
    preparedOn.set(this.client, prepared);
  }

  /** After a failure: ends any open transaction; answers the error when the connection is unusable. */
  private async rollbackAfter(error: unknown): Promise<Error | undefined> {
    try {
      await this.client.query('ROLLBACK');
      return undefined;
    } catch {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}

/** A statement as it goes in the message: EXECUTE for a prepared one, else its text with the values written in. */
function statementText({ sql, parameters, prepared }: Statement): string {
  if (prepared) return `EXECUTE ${prepared} (${(parameters ?? []).map((value) => literal(value)).join(', ')})`;
  return parameters && parameters.length > 0 ? inlineParameters(sql, parameters) : sql;
}

/**
 * `sql` with each `$n` replaced by parameter n as a literal: NULL, a number, TRUE/FALSE, or a
 * quoted and escaped string (dates as ISO 8601, objects as JSON). Casts written after the
 * placeholders (`$1::uuid`) keep their meaning. Only for SQL we write ourselves: the text must
 * have no `$` other than placeholders (no dollar quoting).
 */
export function inlineParameters(sql: string, parameters: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, digits: string) => {
    const index = Number(digits) - 1;
    if (index < 0 || index >= parameters.length)
      throw new Error(`The SQL uses $${digits} but only ${parameters.length} parameter(s) were given.`);
    return literal(parameters[index]);
  });
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} cannot be written as an SQL number.`);
    return String(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return quoted(value.toISOString());
  if (typeof value === 'string') return quoted(value);
  return quoted(JSON.stringify(value));
}

/**
 * What pg's `escapeLiteral` writes — quotes doubled, and backslashes doubled in an E'' string —
 * with native string replacement instead of its loop over every character, which is what a
 * step's events (JSON) mostly cost here.
 */
export function quoted(text: string): string {
  const escaped = text.replaceAll("'", "''");
  return text.includes('\\') ? ` E'${escaped.replaceAll('\\', '\\\\')}'` : `'${escaped}'`;
}

/**
 * Entities from the rows of a plain query (`SELECT *`): each column's database name mapped to
 * its property, through the column's transformer if it has one. The pg driver has already turned
 * timestamps, JSON and integers into their JavaScript values.
 */
export function entitiesFromRows<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  rows: ReadonlyArray<Record<string, unknown>>,
): T[] {
  const metadata = dataSource.getMetadata(target);
  const columns = columnsOf(metadata);
  return rows.map((row) => {
    const entity = metadata.create() as T;
    for (const column of columns) {
      if (!(column.databaseName in row)) continue;
      const value = row[column.databaseName];
      column.set(entity, column.from ? column.from(value) : value);
    }
    return entity;
  });
}

interface ColumnMapping {
  databaseName: string;
  from?: (value: unknown) => unknown;
  set(entity: ObjectLiteral, value: unknown): void;
}

const columnMappings = new WeakMap<EntityMetadata, ColumnMapping[]>();

/** Worked out once per entity: a plain property is assigned directly, anything else through TypeORM. */
function columnsOf(metadata: EntityMetadata): ColumnMapping[] {
  let mappings = columnMappings.get(metadata);
  if (!mappings) {
    mappings = metadata.columns.map((column) => {
      const transformer = Array.isArray(column.transformer) ? undefined : column.transformer;
      const plain = !column.embeddedMetadata && !column.relationMetadata;
      return {
        databaseName: column.databaseName,
        from: transformer ? (value: unknown) => transformer.from(value) as unknown : undefined,
        set: plain
          ? (entity: ObjectLiteral, value: unknown) => {
              (entity as Record<string, unknown>)[column.propertyName] = value;
            }
          : (entity: ObjectLiteral, value: unknown) => column.setEntityValue(entity, value),
      };
    });
    columnMappings.set(metadata, mappings);
  }
  return mappings;
}
