// `npm test`: Prettier's check, then every check in one Nx run — lint, typecheck, unit tests (server, client, libs), the
// server's integration tests on real PostgreSQL and Redis, and the Playwright journeys — then one
// closing line that adds up what the test runners reported.
//
// Nx orders the work: builds first, then the rest two at a time; `integration` and `e2e` run
// alone (parallelism: false in nx.json), never beside each other or beside anything else. A failed
// task does not stop the others, so one run shows every problem. Exit code: Nx's.
//
// Extra arguments go to `nx run-many`, e.g. `npm test -- --projects=@trustops/server`.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';

const targets = ['lint', 'typecheck', 'test', 'integration', 'e2e'];
const started = Date.now();

const counts = {
  'node:test': { passed: 0, failed: 0, skipped: 0 },
  vitest: { passed: 0, failed: 0, skipped: 0 },
  playwright: { passed: 0, failed: 0, skipped: 0 },
};
let runnerSummaries = 0;

// eslint-disable-next-line no-control-regex -- colour codes are what we strip
const ansi = /\u001b\[[0-9;?]*[A-Za-z]/g;
const patterns = [
  // node --test: "ℹ pass 12", "ℹ fail 0", "ℹ skipped 1", "ℹ todo 0", "ℹ cancelled 0"
  {
    runner: 'node:test',
    match: /^\s*ℹ (pass|fail|cancelled|skipped|todo) (\d+)\s*$/,
    add: (m) => [m[1] === 'pass' ? 'passed' : m[1] === 'fail' || m[1] === 'cancelled' ? 'failed' : 'skipped', m[2]],
  },
  // vitest: "      Tests  2 failed | 40 passed | 1 skipped (43)"
  { runner: 'vitest', match: /^\s*Tests\s+(.+?)\s+\(\d+\)\s*$/, add: null },
  // Playwright's list reporter: "  3 passed (12.1s)", "  1 failed", "  1 flaky", "  2 skipped", "  1 did not run"
  {
    runner: 'playwright',
    match: /^\s{2}(\d+) (passed|failed|flaky|skipped|did not run|interrupted)(?: \(.*\))?\s*$/,
    add: (m) => [
      m[2] === 'passed' ? 'passed' : m[2] === 'skipped' || m[2] === 'did not run' ? 'skipped' : 'failed',
      m[1],
    ],
  },
];

function count(rawLine) {
  const line = rawLine.replace(ansi, '');
  for (const { runner, match, add } of patterns) {
    const m = match.exec(line);
    if (!m) continue;
    if (runner === 'vitest') {
      for (const part of m[1].split('|')) {
        const item = /(\d+) (passed|failed|skipped|todo)/.exec(part);
        if (!item) continue;
        const kind = item[2] === 'todo' ? 'skipped' : item[2];
        counts.vitest[kind] += Number(item[1]);
      }
    } else {
      const [kind, value] = add(m);
      counts[runner][kind] += Number(value);
    }
    if (runner !== 'node:test' || m[1] === 'pass') runnerSummaries += 1;
    return;
  }
}

// Formatting first: cheap, and an unformatted file is a failure like any other (fix: `npm run format`).
const prettier = spawnSync('prettier', ['--check', '--log-level=warn', '.'], { stdio: 'inherit' });
const formatted = prettier.status === 0;
if (!formatted) console.error('npm test: some files are not formatted; `npm run format` fixes them.');

const nx = spawn('nx', ['run-many', '--targets', targets.join(','), '--outputStyle=static', ...process.argv.slice(2)], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, NX_NO_CLOUD: 'true' },
});
for (const [stream, sink] of [
  [nx.stdout, process.stdout],
  [nx.stderr, process.stderr],
]) {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    sink.write(`${line}\n`);
    count(line);
  });
}

const exitCode = await new Promise((resolve) => {
  nx.once('error', (error) => {
    console.error(`Could not run nx: ${error.message}. Run \`npm ci\` first.`);
    resolve(1);
  });
  nx.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});

const total = (kind) => Object.values(counts).reduce((sum, runner) => sum + runner[kind], 0);
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log('');
console.log(
  `npm test: ${exitCode === 0 && formatted ? 'everything passed' : `FAILED (${formatted ? '' : 'formatting; '}nx exited ${exitCode})`} in ${minutes} min`,
);
for (const [runner, c] of Object.entries(counts)) {
  console.log(`  ${runner.padEnd(10)} ${c.passed} passed / ${c.failed} failed / ${c.skipped} skipped`);
}
console.log(`tests: ${total('passed')} passed, ${total('failed')} failed, ${total('skipped')} skipped`);
if (exitCode === 0 && (runnerSummaries === 0 || total('passed') === 0)) {
  console.error('npm test: Nx passed but no test runner reported a passing test; treating that as a failure.');
  process.exit(1);
}
process.exit(exitCode === 0 && (total('failed') > 0 || !formatted) ? 1 : exitCode);
