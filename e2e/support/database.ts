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

/**
 * Makes `userId` a member of another organisation (created if missing) holding `role` there, as
 * an administrator of that organisation would; returns the organisation's id.
 */
export async function addToOrganisation(
  userId: string,
  organisation: { slug: string; name: string },
  role: string,
): Promise<string> {
  return withDatabase(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO tenants (slug, name) VALUES ($1, $2)
       ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [organisation.slug, organisation.name],
    );
    const tenantId = rows[0].id;
    await client.query('INSERT INTO tenant_memberships (tenant_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      tenantId,
      userId,
    ]);
    await client.query(
      `INSERT INTO role_assignments (tenant_id, user_id, role, source) VALUES ($1, $2, $3, 'admin')
       ON CONFLICT DO NOTHING`,
      [tenantId, userId, role],
    );
    return tenantId;
  });
}
