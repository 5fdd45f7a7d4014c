import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CreateApiTokenResponse } from '@trustops/contracts';
import { startAuthTestApp, type AuthTestApp } from '../auth/testing/auth-test-app.js';
import { signIn, withCsrf } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { runCli } from './testing/run-cli.js';

const FAILING = `id: cli-failing
title: Fails on purpose
inputs:
  address: { type: string, required: true, label: Address }
steps:
  - id: hello
    type: log
    with: { message: 'Calling {{ inputs.address }}' }
  - id: call
    type: http.request
    needs: [hello]
    with: { url: '{{ inputs.address }}' }
`;

describe('trustops runbook run (integration)', { timeout: 120_000 }, () => {
  let testApp: AuthTestApp;
  let token: string;
  let folder: string;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'trustops-run-'));
    await writeFile(join(folder, 'failing.yaml'), FAILING);
    testApp = await startAuthTestApp({ env: { LOG_LEVEL: 'warn' } });
    const browser = new TestBrowser(testApp.url);
    const session = await signIn(browser, 'analyst');
    const created = await browser.request(
      '/api/tokens',
      withCsrf(session.csrfToken, {
        method: 'POST',
        body: { name: 'cli', permissions: ['runs:start', 'runs:read', 'runbooks:write'] },
      }),
    );
    assert.equal(created.status, 201, await created.clone().text());
    token = ((await created.json()) as CreateApiTokenResponse).secret;
  });

  after(async () => {
    await testApp?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('should start a built-in runbook by id, follow it to the end and exit 0', async () => {
    const result = await runCli(
      ['runbook', 'run', 'parallel-checks', '--input', 'system=PAS feed', '-i', 'follow_up=yes'],
      {
        env: { TRUSTOPS_URL: testApp.url, TRUSTOPS_TOKEN: token },
      },
    );
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const lines = result.stdout.split('\n');
    assert.match(lines[0], /^Run [0-9a-f-]{36} started: Parallel checks \(version 1\)\.$/);
    assert.match(lines[1], /^Follow it in the browser: http:\/\/127\.0\.0\.1:\d+\/runs\/[0-9a-f-]{36}$/);
    const transitions = lines.map((line) => line.replace(/^\d\d:\d\d:\d\d {2}/, ''));
    for (const expected of [
      'step start succeeded',
      'step settle succeeded',
      'step report succeeded',
      'step follow_up succeeded',
      'run succeeded',
    ]) {
      assert.ok(transitions.includes(expected), `missing "${expected}" in:\n${result.stdout}`);
    }
    assert.ok(transitions.indexOf('step report succeeded') > transitions.indexOf('step settle succeeded'));
    assert.match(result.stdout, /Run succeeded\. Outputs:\n {2}summary: Both checks finished for PAS feed\n$/);
  });

  it('should upload a runbook file, run it and exit 1 with the reason when the run fails', async () => {
    const result = await runCli(
      [
        'runbook',
        'run',
        'failing.yaml',
        '--input',
        'address=https://not-allowed.example/',
        '--url',
        testApp.url,
        '--token',
        token,
      ],
      { cwd: folder },
    );
    assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /^Saved failing\.yaml as cli-failing version 1\.\n/);
    assert.match(result.stdout, /step hello succeeded/);
    assert.match(result.stdout, /step call failed: .*calls to not-allowed\.example are not allowed/);
    assert.match(result.stderr, /^Run failed: .*not allowed/);
  });

  it('should check the inputs of a file before sending anything', async () => {
    const result = await runCli(['runbook', 'run', 'failing.yaml', '--url', testApp.url, '--token', token], {
      cwd: folder,
    });
    assert.equal(result.code, 1);
    assert.equal(result.stderr, '--input address: Address is required.\n');
  });

  it('should report what the server refuses: a bad token, an unknown runbook, bad inputs', async () => {
    const badToken = await runCli([
      'runbook',
      'run',
      'parallel-checks',
      '-i',
      'system=x',
      '--url',
      testApp.url,
      '--token',
      'trustops_pat_nonsense',
    ]);
    assert.equal(badToken.code, 2);
    assert.match(badToken.stderr, /^TrustOps refused: .* \(HTTP 401\)\n$/);

    const unknown = await runCli(['runbook', 'run', 'no-such-runbook', '--url', testApp.url, '--token', token]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^TrustOps refused: .* \(HTTP 404\)\n$/);

    const badInputs = await runCli([
      'runbook',
      'run',
      'parallel-checks',
      '-i',
      'colour=red',
      '--url',
      testApp.url,
      '--token',
      token,
    ]);
    assert.equal(badInputs.code, 1);
    assert.match(badInputs.stderr, /^TrustOps refused: .*(HTTP 400)/);
  });
});
