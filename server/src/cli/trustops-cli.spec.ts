import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { findFreePort } from '../platform/infrastructure/free-port.js';
import { runCli } from './testing/run-cli.js';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

const BAD = `id: bad-demo
title: Bad demo
steps:
  - id: a
    type: log
  - id: b
    type: wait
    needs: [a, notify]
    timeout: 5 minutes
`;

const CYCLE = `id: cycle-demo
title: Cycle
steps:
  - { id: a, type: log, needs: [c] }
  - { id: b, type: log, needs: [a] }
  - { id: c, type: log, needs: [b] }
`;

describe('trustops runbook validate|inspect (compiled CLI)', () => {
  let folder: string;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'trustops-cli-'));
    await writeFile(join(folder, 'bad.yaml'), BAD);
    await writeFile(join(folder, 'cycle.yaml'), CYCLE);
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('should validate good files with exit code 0', async () => {
    const result = await runCli(
      ['runbook', 'validate', 'runbooks/examples/approval-demo.yaml', 'runbooks/examples/parallel-checks.yaml'],
      { cwd: repositoryRoot },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      'runbooks/examples/approval-demo.yaml: ok (approval-demo, version 1, 3 steps)\nrunbooks/examples/parallel-checks.yaml: ok (parallel-checks, version 1, 6 steps)\n',
    );
    assert.equal(result.stderr, '');
  });

  it('should validate every runbook below a folder', async () => {
    const result = await runCli(['runbook', 'validate', 'runbooks'], { cwd: repositoryRoot });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^runbooks\/examples\/approval-demo\.yaml: ok \(approval-demo, version 1, 3 steps\)$/m);
    assert.match(result.stdout, /^runbooks\/examples\/parallel-checks\.yaml: ok/m);
  });

  it('should print every problem as file:line:col and exit 1', async () => {
    const result = await runCli(['runbook', 'validate', 'bad.yaml', 'cycle.yaml', 'runbooks-that-do-not-exist.yaml'], {
      cwd: folder,
    });
    assert.equal(result.code, 1);
    assert.deepEqual(result.stderr.trim().split('\n'), [
      'bad.yaml:8:16 steps[1].needs[1]: "notify" is not a step in this runbook; steps are: a, b',
      'bad.yaml:9:14 steps[1].timeout: "5 minutes" is not a duration; write a number followed by a unit (ms, s, m, h, d, w), for example "30s", "5m", "4h", "2d" or "1h30m".',
      'cycle.yaml:4:33 steps[0].needs[0]: the steps need each other in a circle, so none of them could start: a → c → b → a; remove one of these needs',
      'runbooks-that-do-not-exist.yaml cannot be read: there is no such file',
      '4 problems found.',
    ]);
  });

  it('should inspect a runbook: inputs, steps by level with needs, when and approval, and the graph', async () => {
    const result = await runCli(['runbook', 'inspect', 'runbooks/examples/approval-demo.yaml'], {
      cwd: repositoryRoot,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      `Approval demo (approval-demo, version 1)
Records a reason, waits for a supervisor's approval, then carries out the change.
Tags: demo, approval

Inputs:
  reason: text, required, at least 3 characters, at most 2000 characters — "Reason for the change"
      Say in a sentence or two why this change is needed. The supervisor sees it when deciding.

Steps (3, in 3 levels; steps on one level run in parallel):
  Level 1
    record_request [log] "Change requested"
  Level 2
    supervisor_approval [approval] "Supervisor approves the change"
      needs: record_request
      approval: require_one by supervisor, within 1h, on timeout fail
  Level 3
    carry_out [log] "Change carried out"
      needs: supervisor_approval

Graph (each step after the steps it needs):
  ● record_request
    record_request ──▶ supervisor_approval
      supervisor_approval ──▶ carry_out

Outputs:
  result = {{ steps.carry_out.output.message }}
`,
    );
  });

  it('should show when conditions and parallel levels', async () => {
    const result = await runCli(['runbook', 'inspect', 'runbooks/examples/parallel-checks.yaml'], {
      cwd: repositoryRoot,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /Level 2\n {4}check_connectivity \[log\] "Connectivity checked"\n {6}needs: start\n {4}settle \[wait\]/,
    );
    assert.match(result.stdout, /when: inputs\.follow_up == true/);
    assert.match(result.stdout, /check_connectivity \+ check_queue ──▶ report/);
  });

  it('should refuse to inspect a broken file with exit 1', async () => {
    const result = await runCli(['runbook', 'inspect', 'cycle.yaml'], { cwd: folder });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^cycle\.yaml:4:33 .*a → c → b → a/);
  });

  it('should explain usage mistakes with exit 2', async () => {
    for (const args of [
      [],
      ['runbook'],
      ['runbook', 'validate'],
      ['runbook', 'frobnicate'],
      ['runbook', 'inspect', 'a', 'b'],
      ['runbook', 'validate', '--bogus', 'x.yaml'],
    ]) {
      const result = await runCli(args, { cwd: folder });
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
      assert.match(result.stdout + result.stderr, /Usage:|Name at least one runbook file|Name one runbook file/);
    }
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /trustops runbook validate/);
  });

  it('should ask for a server and a token before running anything', async () => {
    const noUrl = await runCli(['runbook', 'run', 'approval-demo']);
    assert.equal(noUrl.code, 2);
    assert.match(noUrl.stderr, /--url .* \(or set TRUSTOPS_URL\)/);
    const noToken = await runCli(['runbook', 'run', 'approval-demo'], { env: { TRUSTOPS_URL: 'http://127.0.0.1:1' } });
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /--token trustops_pat_… \(or set TRUSTOPS_TOKEN\)/);
    const port = await findFreePort();
    const unreachable = await runCli(['runbook', 'run', 'approval-demo', '--input', 'reason=x'], {
      env: { TRUSTOPS_URL: `http://127.0.0.1:${port}`, TRUSTOPS_TOKEN: 'trustops_pat_x' },
    });
    assert.equal(unreachable.code, 2);
    assert.equal(unreachable.stderr, `Cannot reach TrustOps at http://127.0.0.1:${port} (ECONNREFUSED).\n`);
  });
});
