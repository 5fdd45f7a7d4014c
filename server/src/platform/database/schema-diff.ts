import type { DataSource } from 'typeorm';

export interface SchemaQuery {
  query: string;
  parameters?: unknown[];
}

export interface SchemaDiff {
  up: SchemaQuery[];
  /** In the order to run them (the reverse of TypeORM's). */
  down: SchemaQuery[];
}

/**
 * What it would take to bring the connected database to the schema the entities describe:
 * the schema builder's log, which is what migration generation writes down. Empty when the
 * migrations and the entities agree.
 */
export async function diffSchema(dataSource: DataSource): Promise<SchemaDiff> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  const plain = (query: { query: string; parameters?: unknown[] }): SchemaQuery =>
    query.parameters?.length ? { query: query.query, parameters: query.parameters } : { query: query.query };
  return { up: sql.upQueries.map(plain), down: sql.downQueries.map(plain).reverse() };
}
