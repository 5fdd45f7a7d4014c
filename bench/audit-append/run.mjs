// Appends per second through the hash-chained AuditService.record path, against plain INSERTs of
// the same row shape into a twin table without the chain, in one run on a fresh database.
// Run after `tsc -b server/tsconfig.json`: `node bench/audit-append/run.mjs`.
// Environment: BENCH_DATABASE_URL (a PostgreSQL server URL; default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_ROUNDS (default 20), BENCH_ROWS_PER_ROUND (default 150). Rounds alternate which mode goes first,
// and the ratio is the median of the rounds' ratios, so a burst of load from elsewhere moves it little.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';

const dist = new URL('../../server/dist/', import.meta.url);
const { AuditRecord } = await import(new URL('audit/audit-record.entity.js', dist).href);
const { AuditService } = await import(new URL('audit/audit.service.js', dist).href);
const { prepareAuditContent } = await import(new URL('audit/audit-entry.js', dist).href);
const { createDataSourceOptions } = await import(new URL('platform/database/data-source-options.js', dist).href);
const { createScratchDatabase } = await import(new URL('platform/database/scratch-database.js', dist).href);

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const rowsPerRound = Number(process.env.BENCH_ROWS_PER_ROUND ?? 150);

const COLUMNS = [
  'id',
  'tenant_id',
  'sequence',
  'occurred_at',
  'actor_type',
  'actor_user_id',
  'actor_display_name',
  'actor_role',
  'actor_ip',
  'actor_user_agent',
  'action',
  'resource_type',
  'resource_id',
  'outcome',
  'reason',
  'request_id',
  'before',
  'after',
  'previous_hash',
  'hash',
];
// Hash columns filled like the chain's, so both rows are the same size.
const UNCHAINED_HASH = '0'.repeat(64);
const PLAIN_INSERT = `INSERT INTO audit_records_plain (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, index) => `$${index + 1}`).join(', ')})`;

/** What a typical request audits: a person changing a role, with a small before/after summary. */
function sampleEntry(tenantId, index) {
  return {
    tenantId,
    actor: {
      type: 'person',
      userId: 'c5a0d2e4-8b1f-4c3a-9e7d-6f5a4b3c2d10',
      displayName: 'Ada Admin',
      role: 'admin',
      ip: '10.0.0.8',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0',
    },
    action: 'role.granted',
    resource: { type: 'role-assignment', id: `assignment-${index}` },
    requestId: `req-${index}`,
    before: { role: null, enabled: true },
    after: { role: 'supervisor', enabled: true },
  };
}

const scratch = await createScratchDatabase(serverUrl, 'trustops_bench_audit');
const dataSource = await new DataSource(
  createDataSourceOptions(scratch.url, {
    entities: [AuditRecord],
    logger: 'advanced-console',
    logging: false,
    extra: { max: 2 },
  }),
).initialize();
try {
  // Same columns, types, primary key and indexes; no trigger and no chain.
  await dataSource.query('CREATE TABLE audit_records_plain (LIKE audit_records INCLUDING ALL)');
  const service = new AuditService(dataSource.getRepository(AuditRecord));
  const chainedTenant = randomUUID();
  const plainTenant = randomUUID();
  let plainSequence = 0;
  let entryIndex = 0;

  const modes = {
    chained: async () => {
      await service.record(sampleEntry(chainedTenant, entryIndex++));
    },
    // The same validation and redaction as record(), then one INSERT: everything but the chain.
    plain: async () => {
      const row = prepareAuditContent(sampleEntry(plainTenant, entryIndex++));
      plainSequence++;
      await dataSource.query(PLAIN_INSERT, [
        row.id,
        row.tenantId,
        plainSequence,
        row.occurredAt,
        row.actorType,
        row.actorUserId,
        row.actorDisplayName,
        row.actorRole,
        row.actorIp,
        row.actorUserAgent,
        row.action,
        row.resourceType,
        row.resourceId,
        row.outcome,
        row.reason,
        row.requestId,
        JSON.stringify(row.before),
        JSON.stringify(row.after),
        UNCHAINED_HASH,
        UNCHAINED_HASH,
      ]);
    },
  };

  const run = async (mode, count) => {
    const started = performance.now();
    for (let index = 0; index < count; index++) await modes[mode]();
    return performance.now() - started;
  };

  // Warm-up: connections, plan caches, the PL/pgSQL function, the JIT.
  await run('chained', 100);
  await run('plain', 100);

  const totals = { chained: { rows: 0, ms: 0 }, plain: { rows: 0, ms: 0 } };
  const roundRatios = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['chained', 'plain'] : ['plain', 'chained'];
    const ms = {};
    for (const mode of order) {
      ms[mode] = await run(mode, rowsPerRound);
      totals[mode].rows += rowsPerRound;
      totals[mode].ms += ms[mode];
    }
    roundRatios.push(ms.plain / ms.chained);
    const perSecond = (mode) => Math.round((rowsPerRound / ms[mode]) * 1000);
    console.log(`round ${round + 1}: chained ${perSecond('chained')}/s, plain ${perSecond('plain')}/s`);
  }

  const verification = await service.verify(chainedTenant);
  if (!verification.valid) throw new Error(`the chain broke during the bench: ${JSON.stringify(verification)}`);

  const rate = (mode) => (totals[mode].rows / totals[mode].ms) * 1000;
  console.log(
    `chained (AuditService.record): ${rate('chained').toFixed(0)} appends/s over ${totals.chained.rows} rows (chain verified: ${verification.checked} records)`,
  );
  console.log(`plain INSERT, same row shape: ${rate('plain').toFixed(0)} appends/s over ${totals.plain.rows} rows`);
  const sorted = roundRatios.toSorted((a, b) => a - b);
  const median = (sorted[Math.floor((sorted.length - 1) / 2)] + sorted[Math.ceil((sorted.length - 1) / 2)]) / 2;
  console.log(
    `chained / plain: ${(rate('chained') / rate('plain')).toFixed(3)} over all rows; per round min ${sorted[0].toFixed(3)}, median ${median.toFixed(3)}, max ${sorted.at(-1).toFixed(3)}`,
  );
  console.log(`ratio: ${median.toFixed(3)}`);
} finally {
  await dataSource.destroy();
  await scratch.drop();
}
