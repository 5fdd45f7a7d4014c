import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { createDataSourceOptions } from '../platform/database/data-source-options.js';
import { createScratchDatabase, type ScratchDatabase } from '../platform/database/scratch-database.js';
import { createTestDatabase, TEST_POSTGRES_URL } from '../platform/testing/test-services.js';
import { diffSchema } from '../platform/database/schema-diff.js';
import { auditCsvHeader } from './audit-csv.js';
import type { FhirAuditEvent } from './audit-fhir.js';
import { AuditRecord } from './audit-record.entity.js';
import { AuditException } from './audit.exception.js';
import { AuditService } from './audit.service.js';
import type { AuditEntry, AuditExportFormat, AuditRecordView } from './audit.types.js';

// Several statements here fail on purpose; keep their errors out of the test output.
const QUIET: Partial<PostgresDataSourceOptions> = {
  entities: [AuditRecord],
  logger: 'advanced-console',
  logging: false,
};

function entry(tenantId: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    tenantId,
    actor: {
      type: 'person',
      userId: 'user-1',
      displayName: 'Ada Admin',
      role: 'admin',
      ip: '10.0.0.8',
      userAgent: 'Mozilla/5.0',
    },
    action: 'role.granted',
    resource: { type: 'role-assignment', id: 'assignment-1' },
    requestId: 'req-1',
    after: { role: 'supervisor' },
    ...overrides,
  };
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** A strict RFC 4180 reader, so the export is checked by something other than its writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let index = 0;
  while (index < text.length) {
    if (text[index] === '"' && cell === '') {
      index++;
      for (;;) {
        if (index >= text.length) throw new Error('unterminated quoted field');
        if (text[index] === '"') {
          if (text[index + 1] === '"') {
            cell += '"';
            index += 2;
            continue;
          }
          index++;
          break;
        }
        cell += text[index++];
      }
      if (!(text[index] === ',' || text.startsWith('\r\n', index)))
        throw new Error(`junk after quoted field at ${index}`);
    } else if (text[index] === ',') {
      row.push(cell);
      cell = '';
      index++;
    } else if (text.startsWith('\r\n', index)) {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 2;
    } else {
      if (text[index] === '"' || text[index] === '\r' || text[index] === '\n')
        throw new Error(`bare ${JSON.stringify(text[index])} at ${index}`);
      cell += text[index++];
    }
  }
  if (cell !== '' || row.length > 0) throw new Error('last line does not end with CRLF');
  return rows;
}

describe(AuditService.name, () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let service: AuditService;

  before(async () => {
    scratch = await createTestDatabase();
    dataSource = await new DataSource(
      createDataSourceOptions(scratch.url, { ...QUIET, extra: { max: 12 } }),
    ).initialize();
    service = new AuditService(dataSource.getRepository(AuditRecord));
  });

  after(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
  });

  it('should have a migration that matches the entity exactly', async () => {
    const diff = await diffSchema(dataSource);
    assert.deepEqual(diff.up, []);
  });

  it('should append records that verify, storing what it returns with personal data redacted', async () => {
    const tenantId = randomUUID();
    const first = await service.record(
      entry(tenantId, {
        reason: 'requested by patient 943 476 5919, "urgent"',
        before: { patient: { name: 'Jane Smith', nhsNumber: '9434765919' }, role: null },
        after: {
          role: 'supervisor',
          nested: { ключ: 'значение 😀', ratio: 1.5, big: 2 ** 60, list: [true, null, 'x'] },
        },
      }),
    );
    const second = await service.record(
      entry(tenantId, {
        actor: { type: 'system', userId: 'scheduler' },
        action: 'schedule.fired',
        resource: { type: 'schedule' },
      }),
    );

    assert.equal(first.sequence, 1);
    assert.equal(first.previousHash, null);
    assert.match(first.hash, /^[0-9a-f]{64}$/);
    assert.equal(second.sequence, 2);
    assert.equal(second.previousHash, first.hash);
    assert.equal(first.reason, 'requested by patient [REDACTED:nhs-number], "urgent"');
    assert.deepEqual(first.before, { patient: { name: '[REDACTED]', nhsNumber: '[REDACTED]' }, role: null });

    const page = await service.list(tenantId);
    assert.deepEqual(page.records, [second, first]);
    assert.deepEqual(await service.verify(tenantId), { valid: true, checked: 2 });
  });

  it('should refuse UPDATE, DELETE and TRUNCATE on audit_records', async () => {
    const tenantId = randomUUID();
    await service.record(entry(tenantId));
    for (const statement of [
      `UPDATE audit_records SET reason = 'edited' WHERE tenant_id = '${tenantId}'`,
      `DELETE FROM audit_records WHERE tenant_id = '${tenantId}'`,
      'TRUNCATE audit_records',
    ]) {
      await assert.rejects(dataSource.query(statement), (error: Error & { code?: string }) => {
        assert.match(error.message, /audit_records is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/);
        assert.equal(error.code, '42501');
        return true;
      });
    }
    assert.deepEqual(await service.verify(tenantId), { valid: true, checked: 1 });
  });

  it('should report a record altered behind the trigger as the first broken link', async () => {
    const tenantId = randomUUID();
    const records: AuditRecordView[] = [];
    for (let index = 0; index < 5; index++) {
      records.push(
        await service.record(entry(tenantId, { resource: { type: 'role-assignment', id: `assignment-${index}` } })),
      );
    }
    await withTriggerDisabled(dataSource, () =>
      dataSource.query(
        `UPDATE audit_records SET actor_role = 'clinician' WHERE tenant_id = $1 AND sequence IN (3, 4)`,
        [tenantId],
      ),
    );

    const result = await service.verify(tenantId);
    assert.deepEqual(result, {
      valid: false,
      checked: 3,
      firstBrokenRecord: {
        id: records[2]?.id,
        sequence: 3,
        reason: 'hash-mismatch',
        detail: "the record's content does not match its hash",
      },
    });
  });

  it('should report a deleted record and a rewritten hash', async () => {
    const deleted = randomUUID();
    const rehashed = randomUUID();
    for (let index = 0; index < 4; index++) {
      await service.record(entry(deleted));
      await service.record(entry(rehashed));
    }
    await withTriggerDisabled(dataSource, async () => {
      await dataSource.query('DELETE FROM audit_records WHERE tenant_id = $1 AND sequence = 2', [deleted]);
      await dataSource.query(`UPDATE audit_records SET hash = repeat('0', 64) WHERE tenant_id = $1 AND sequence = 2`, [
        rehashed,
      ]);
    });

    assert.deepEqual(
      { ...(await service.verify(deleted)).firstBrokenRecord, id: undefined },
      { id: undefined, sequence: 3, reason: 'sequence-gap', detail: 'expected sequence 2, found 3' },
    );
    const result = await service.verify(rehashed);
    assert.equal(result.checked, 2);
    assert.equal(result.firstBrokenRecord?.reason, 'hash-mismatch');
    assert.equal(result.firstBrokenRecord?.sequence, 2);
  });

  it('should keep one unbroken chain under 8 concurrent writers on separate connections', async () => {
    const tenantId = randomUUID();
    const writers = Array.from({ length: 8 }, () => dataSource.createQueryRunner());
    try {
      await Promise.all(writers.map((runner) => runner.connect()));
      const pids = await Promise.all(
        writers.map(
          async (runner) => ((await runner.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>)[0]?.pid,
        ),
      );
      assert.equal(new Set(pids).size, 8);
      await Promise.all(
        writers.map(async (runner, writer) => {
          for (let index = 0; index < 25; index++) {
            await service.record(entry(tenantId, { requestId: `writer-${writer}-${index}` }), {
              manager: runner.manager,
            });
          }
        }),
      );
    } finally {
      await Promise.all(writers.map((runner) => runner.release()));
    }

    const [stats] = await dataSource.query<Array<Record<string, number>>>(
      `SELECT count(*)::int AS count, count(DISTINCT sequence)::int AS distinct, min(sequence)::int AS min, max(sequence)::int AS max,
              count(DISTINCT previous_hash)::int AS previous
         FROM audit_records WHERE tenant_id = $1`,
      [tenantId],
    );
    assert.deepEqual(stats, { count: 200, distinct: 200, min: 1, max: 200, previous: 199 });
    service.scanPageSize = 7;
    try {
      assert.deepEqual(await service.verify(tenantId), { valid: true, checked: 200 });
    } finally {
      service.scanPageSize = 1000;
    }
  });

  it('should keep two tenants’ chains independent', async () => {
    const [tenantA, tenantB] = [randomUUID(), randomUUID()];
    await Promise.all(
      Array.from({ length: 10 }, (_, index) => service.record(entry(index % 2 === 0 ? tenantA : tenantB))),
    );
    const [a, b] = [await service.list(tenantA), await service.list(tenantB)];
    assert.deepEqual(
      a.records.map((record) => record.sequence),
      [5, 4, 3, 2, 1],
    );
    assert.deepEqual(
      b.records.map((record) => record.sequence),
      [5, 4, 3, 2, 1],
    );
    assert.ok(a.records.every((record) => record.tenantId === tenantA));

    await withTriggerDisabled(dataSource, () =>
      dataSource.query(`UPDATE audit_records SET outcome = 'denied' WHERE tenant_id = $1 AND sequence = 1`, [tenantA]),
    );
    assert.equal((await service.verify(tenantA)).valid, false);
    assert.deepEqual(await service.verify(tenantB), { valid: true, checked: 5 });
  });

  it('should roll the record back with the transaction it was written in, leaving no gap', async () => {
    const tenantId = randomUUID();
    await service.record(entry(tenantId));
    await assert.rejects(
      dataSource.transaction(async (manager) => {
        await service.record(entry(tenantId, { action: 'role.revoked' }), { manager });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    const third = await service.record(entry(tenantId));
    assert.equal(third.sequence, 2);
    assert.deepEqual(await service.verify(tenantId), { valid: true, checked: 2 });
  });

  it('should refuse entries it cannot record', async () => {
    const tenantId = randomUUID();
    await assert.rejects(service.record(entry('not-a-tenant')), AuditException);
    await assert.rejects(
      service.record(entry(tenantId, { action: 'Granted Role' })),
      /action must look like "role.granted"/,
    );
    await assert.rejects(service.record(entry(tenantId, { outcome: 'maybe' as never })), /outcome must be one of/);
    await assert.rejects(service.list(tenantId, {}, { limit: 0 }), /limit must be a whole number/);
  });

  describe('list and exports', () => {
    const tenantId = randomUUID();
    const otherTenantId = randomUUID();
    const times = [0, 1, 2, 3, 4, 5].map((hour) => new Date(Date.UTC(2026, 10, 23, hour)));
    let recorded: AuditRecordView[];

    before(async () => {
      const people = [
        { type: 'person' as const, userId: 'alice', displayName: 'Alice', role: 'admin' },
        { type: 'person' as const, userId: 'bob', displayName: '=Bob, "the builder"', role: 'supervisor' },
      ];
      recorded = [];
      const entries: AuditEntry[] = [
        entry(tenantId, {
          actor: people[0],
          action: 'role.granted',
          resource: { type: 'user', id: 'u1' },
          occurredAt: times[0],
        }),
        entry(tenantId, {
          actor: people[1],
          action: 'decision.approved',
          resource: { type: 'decision', id: 'd1' },
          occurredAt: times[1],
        }),
        entry(tenantId, {
          actor: people[0],
          action: 'role.revoked',
          resource: { type: 'user', id: 'u1' },
          occurredAt: times[2],
        }),
        entry(tenantId, {
          actor: people[1],
          action: 'auth.login-failed',
          outcome: 'failure',
          reason: 'bad password,\r\nthen "locked"',
          resource: { type: 'session', id: null },
          occurredAt: times[3],
        }),
        entry(tenantId, {
          actor: people[0],
          action: 'role.granted',
          resource: { type: 'user', id: 'u2' },
          outcome: 'denied',
          occurredAt: times[4],
        }),
      ];
      for (const item of entries) recorded.push(await service.record(item));
      await service.record(entry(otherTenantId, { actor: people[0], occurredAt: times[0] }));
    });

    const sequencesOf = async (filters: Parameters<AuditService['list']>[1]) =>
      (await service.list(tenantId, filters)).records.map((record) => record.sequence);

    it('should filter by user, action, resource and time', async () => {
      assert.deepEqual(await sequencesOf({ userId: 'alice' }), [5, 3, 1]);
      assert.deepEqual(await sequencesOf({ action: 'role.granted' }), [5, 1]);
      assert.deepEqual(await sequencesOf({ action: 'role.*' }), [5, 3, 1]);
      assert.deepEqual(await sequencesOf({ resourceType: 'user', resourceId: 'u1' }), [3, 1]);
      assert.deepEqual(await sequencesOf({ from: times[1], to: times[3] }), [3, 2]);
      assert.deepEqual(await sequencesOf({ userId: 'bob', action: 'role.*' }), []);
    });

    it('should page newest first and never show another tenant', async () => {
      const seen: number[][] = [];
      let beforeSequence: number | undefined;
      for (;;) {
        const page = await service.list(
          tenantId,
          {},
          { limit: 2, ...(beforeSequence === undefined ? {} : { beforeSequence }) },
        );
        seen.push(page.records.map((record) => record.sequence));
        if (page.nextBeforeSequence === null) break;
        beforeSequence = page.nextBeforeSequence;
      }
      assert.deepEqual(seen, [[5, 4], [3, 2], [1]]);
      assert.deepEqual((await service.list(tenantId, { userId: 'alice', action: 'role.granted' })).records.length, 2);
      assert.ok((await service.list(otherTenantId)).records.every((record) => record.tenantId === otherTenantId));
    });

    const exported = async (format: AuditExportFormat, filters = {}) => {
      service.scanPageSize = 2;
      try {
        return await collect(service.exportRecords(tenantId, format, filters));
      } finally {
        service.scanPageSize = 1000;
      }
    };

    it('should export valid CSV, oldest first, with formulas defused', async () => {
      const rows = parseCsv(await exported('csv'));
      const [header, ...body] = rows;
      assert.equal(`${header?.join(',')}\r\n`, auditCsvHeader());
      assert.deepEqual(
        body.map((row) => row[0]),
        ['1', '2', '3', '4', '5'],
      );
      const column = (name: string) => header.indexOf(name);
      assert.equal(body[1][column('actor_display_name')], `'=Bob, "the builder"`);
      assert.equal(body[3][column('reason')], 'bad password,\r\nthen "locked"');
      assert.equal(body[0][column('after')], '{"role":"supervisor"}');
      assert.equal(body[4][column('hash')], recorded[4].hash);
      assert.ok(body.every((row) => row.length === header.length));
    });

    it('should export JSON that equals what list shows', async () => {
      const records = JSON.parse(await exported('json')) as AuditRecordView[];
      assert.deepEqual(records, recorded);
      assert.deepEqual(JSON.parse(await exported('json', { action: 'nothing.matches' })), []);
    });

    it('should export a FHIR R4 Bundle of AuditEvents', async () => {
      const bundle = JSON.parse(await exported('fhir', { userId: 'bob' })) as {
        resourceType: string;
        type: string;
        entry: Array<{ fullUrl: string; resource: FhirAuditEvent }>;
      };
      assert.equal(bundle.resourceType, 'Bundle');
      assert.equal(bundle.type, 'collection');
      assert.deepEqual(
        bundle.entry.map((item) => item.fullUrl),
        [`urn:uuid:${recorded[1].id}`, `urn:uuid:${recorded[3].id}`],
      );
      for (const { resource } of bundle.entry) {
        assert.equal(resource.resourceType, 'AuditEvent');
        assert.ok(resource.type.system && resource.type.code);
        assert.ok(['C', 'R', 'U', 'D', 'E'].includes(resource.action));
        assert.ok(['0', '4', '8', '12'].includes(resource.outcome));
        assert.match(resource.recorded, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        assert.ok(resource.agent.length >= 1 && resource.agent.every((agent) => typeof agent.requestor === 'boolean'));
        assert.ok(resource.source.observer.display);
      }
      const loginFailed = bundle.entry[1].resource;
      assert.deepEqual([loginFailed.type.code, loginFailed.action, loginFailed.outcome], ['110114', 'E', '8']);
      assert.equal(loginFailed.outcomeDesc, 'bad password,\r\nthen "locked"');
    });
  });
});

describe('CreateAuditRecords migration', () => {
  it('should leave a non-superuser migrating role only INSERT and SELECT on audit_records', async () => {
    const role = `trustops_audit_app_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    let scratch: ScratchDatabase | undefined;
    let dataSource: DataSource | undefined;
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER`);
      scratch = await createScratchDatabase(TEST_POSTGRES_URL, 'trustops_audit_role_test');
      await admin.query(`ALTER DATABASE ${scratch.name} OWNER TO ${role}`);
      const url = new URL(scratch.url);
      url.username = role;
      dataSource = await new DataSource(createDataSourceOptions(url.toString(), QUIET)).initialize();

      const [privileges] = await dataSource.query<Array<Record<string, boolean>>>(
        `SELECT ${['INSERT', 'SELECT', 'UPDATE', 'DELETE', 'TRUNCATE']
          .map((privilege) => `has_table_privilege(current_user, 'audit_records', '${privilege}') AS "${privilege}"`)
          .join(', ')}`,
      );
      assert.deepEqual(privileges, { INSERT: true, SELECT: true, UPDATE: false, DELETE: false, TRUNCATE: false });

      const service = new AuditService(dataSource.getRepository(AuditRecord));
      const tenantId = randomUUID();
      await service.record(entry(tenantId));
      await assert.rejects(dataSource.query('DELETE FROM audit_records'), /permission denied|append-only/);
      assert.deepEqual(await service.verify(tenantId), { valid: true, checked: 1 });
    } finally {
      await dataSource?.destroy();
      await scratch?.drop();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });
});

/** As a superuser can: switch the append-only trigger off, tamper, switch it back on. */
async function withTriggerDisabled(dataSource: DataSource, tamper: () => Promise<unknown>): Promise<void> {
  await dataSource.query('ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only');
  try {
    await tamper();
  } finally {
    await dataSource.query('ALTER TABLE audit_records ENABLE TRIGGER audit_records_append_only');
  }
}
