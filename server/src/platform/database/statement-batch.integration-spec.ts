import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { EventsService } from '../events/index.js';
import { EventRecord } from '../events/event.entity.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';
import { TenancyService } from '../../tenancy/tenancy.service.js';
import { entitiesFromRows, StatementBatch } from './statement-batch.js';

describe('StatementBatch (integration)', () => {
  let testApp: TestApp;
  let dataSource: DataSource;

  before(async () => {
    testApp = await startTestApp();
    dataSource = testApp.app.get(DataSource);
    await dataSource.query('CREATE TABLE scratch_notes (id int PRIMARY KEY, body text, at timestamptz, doc jsonb)');
  });

  after(async () => {
    await testApp?.close();
  });

  const count = async () => {
    const rows: Array<{ n: string }> = await dataSource.query('SELECT count(*) AS n FROM scratch_notes');
    return Number(rows[0].n);
  };

  it('should send several statements as one message and bring values back exactly as they went in', async () => {
    const body = `O'Brien \\ "ward" 7 — ü $1 $$ ; DROP TABLE scratch_notes; --`;
    const at = new Date('2026-12-02T10:11:12.345Z');
    const doc = { note: "it's \\ fine", list: [1, 'two'] };
    const results = await StatementBatch.with(dataSource, (batch) =>
      batch.run([
        { sql: 'BEGIN' },
        { sql: 'INSERT INTO scratch_notes VALUES ($1, $2, $3, $4::jsonb)', parameters: [1, body, at, doc] },
        { sql: 'SELECT * FROM scratch_notes WHERE id = $1', parameters: [1] },
        { sql: 'COMMIT' },
      ]),
    );
    assert.equal(results.length, 4);
    assert.deepEqual(results[2].rows, [{ id: 1, body, at, doc }]);
    assert.equal(await count(), 1);
  });

  it('should roll back what a failed message began, and give back a connection that works', async () => {
    const before = await count();
    await assert.rejects(
      StatementBatch.with(dataSource, (batch) =>
        batch.run([
          { sql: 'BEGIN' },
          { sql: 'INSERT INTO scratch_notes VALUES ($1, $2, NULL, NULL)', parameters: [2, 'kept?'] },
          { sql: 'INSERT INTO scratch_notes VALUES ($1, $2, NULL, NULL)', parameters: [2, 'duplicate'] },
          { sql: 'COMMIT' },
        ]),
      ),
      /duplicate key/,
    );
    // And a failure of the caller's own between two messages.
    await assert.rejects(
      StatementBatch.with(dataSource, async (batch) => {
        await batch.run([
          { sql: 'BEGIN' },
          { sql: 'INSERT INTO scratch_notes VALUES ($1, $2, NULL, NULL)', parameters: [3, 'half'] },
        ]);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    assert.equal(await count(), before);
    // Every pooled connection is out of its transaction (none answers "in a transaction").
    const states = await Promise.all(
      Array.from({ length: 6 }, () =>
        StatementBatch.with(dataSource, (batch) =>
          batch.run([{ sql: 'SELECT now() = statement_timestamp() AS fresh' }]),
        ),
      ),
    );
    assert.ok(states.every(([result]) => (result.rows[0] as { fresh: boolean }).fresh));
  });

  it('should prepare a named statement once on each connection, keep it past a rolled-back transaction, and run it with the values given', async () => {
    const insert = (id: number, body: string) => ({
      sql: 'INSERT INTO scratch_notes (id, body, doc) VALUES ($1::int, $2::text, $3::jsonb) RETURNING id, body, doc',
      parameters: [id, body, { body }],
      prepared: 'scratch_notes_insert',
    });
    // One connection throughout: the pool gives back the one just released.
    await StatementBatch.with(dataSource, async (batch) => {
      const [first] = await batch.run([insert(10, "it's $1")]);
      assert.deepEqual(first.rows, [{ id: 10, body: "it's $1", doc: { body: "it's $1" } }]);
      await assert.rejects(batch.run([{ sql: 'BEGIN' }, insert(11, 'rolled back'), { sql: 'SELECT 1/0' }]));
      await batch.run([{ sql: 'ROLLBACK' }]);
      const [, again] = await batch.run([{ sql: 'SELECT 1' }, insert(12, 'again')]);
      assert.deepEqual(again.rows, [{ id: 12, body: 'again', doc: { body: 'again' } }]);
      const [seen] = await batch.run([
        { sql: `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = 'scratch_notes_insert'` },
      ]);
      assert.deepEqual(seen.rows, [{ n: 1 }], 'prepared on this connection, once');
    });
    const rows: Array<{ id: number }> = await dataSource.query(
      'SELECT id FROM scratch_notes WHERE id >= 10 ORDER BY id',
    );
    assert.deepEqual(
      rows.map((row) => row.id),
      [10, 12],
    );
  });

  it('should make entities from plain rows, through column transformers', async () => {
    const tenant = await testApp.app.get(TenancyService).ensureTenant('batch-test', 'Batch test');
    const appended = await testApp.app.get(EventsService).append({
      tenantId: tenant.id,
      stream: { kind: 'batch', id: randomUUID() },
      type: 'test.appended',
      actor: { type: 'system', userId: null, displayName: 'Test' },
      source: 'tests',
      payload: { ward: 7 },
    });
    const [result] = await StatementBatch.with(dataSource, (batch) =>
      batch.run([{ sql: 'SELECT * FROM events WHERE id = $1', parameters: [appended.id] }]),
    );
    const [record] = entitiesFromRows(dataSource, EventRecord, result.rows);
    assert.ok(record instanceof EventRecord);
    assert.equal(record.seq, appended.seq, 'bigint seq through its transformer, as a number');
    assert.equal(typeof record.seq, 'number');
    assert.equal(record.tenantId, tenant.id);
    assert.deepEqual(record.payload, { ward: 7 });
    assert.equal(record.ts.toISOString(), appended.ts);
  });
});
