import pg from 'pg';

/**
 * Runs `work` with a client on the run's scratch database, the one the server under test uses
 * (named in playwright.config.ts, created by serve-app.ts). Only for arranging what no page can
 * create yet; journeys act and check through the browser.
 */
export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const databaseName = process.env['E2E_DATABASE_NAME'];
  if (databaseName === undefined) throw new Error('E2E_DATABASE_NAME is not set: run this through `playwright test`');
  const url = new URL(process.env['TRUSTOPS_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${databaseName}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
