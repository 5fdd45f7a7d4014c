import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  DecisionView,
  DocumentListResponse,
  DocumentView,
  ErrorBody,
  SessionResponse,
  UserListResponse,
  WizardWorkspaceOption,
  WorkspaceView,
} from '@trustops/contracts';
import { startAuthTestApp, type AuthTestApp } from '../auth/testing/auth-test-app.js';
import { signIn, withCsrf } from '../auth/testing/sign-in.js';
import { TestBrowser } from '../auth/testing/test-browser.js';
import { findRepositoryRoot } from '../platform/app-info.js';
import { RunsApi } from '../runs/testing/runs-api.js';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('wizards and their documents (integration)', { timeout: 240_000 }, () => {
  let testApp: AuthTestApp;
  let base: string;
  let workspaceId = '';
  let clinician: RunsApi;
  let supervisor: RunsApi;

  async function signedIn(who: Parameters<typeof signIn>[1]): Promise<RunsApi> {
    const browser = new TestBrowser(testApp.url);
    return new RunsApi(browser, await signIn(browser, who));
  }

  async function grantSupervisor(admin: RunsApi, session: SessionResponse): Promise<void> {
    const users = await admin.json<UserListResponse>(admin.get('/api/admin/users'), 200);
    const user = users.items.find((candidate) => candidate.id === session.user.id);
    assert.ok(user);
    const granted = await admin.browser.request(
      `/api/admin/users/${user.id}/roles`,
      withCsrf(admin.session.csrfToken, { method: 'POST', body: { role: 'supervisor' } }),
    );
    assert.equal(granted.status, 204);
  }

  async function runWizard(runbookId: string, inputs: Record<string, unknown>): Promise<DocumentView> {
    const started = await clinician.start(runbookId, { workspace: workspaceId, ...inputs });
    const run = await clinician.waitFor(started.id, undefined, 60_000);
    assert.equal(
      run.state,
      'succeeded',
      JSON.stringify(run.steps.map((step) => [step.stepId, step.state, step.error])),
    );
    const events = await clinician.events(run.id);
    assert.ok(
      events.some((event) => event.type === 'agent.tool_call'),
      'the transcript shows the analysis as a tool call',
    );
    const list = await clinician.json<DocumentListResponse>(clinician.get(`/api/documents?runId=${run.id}`), 200);
    assert.equal(list.items.length, 1);
    return clinician.json<DocumentView>(clinician.get(`/api/documents/${list.items[0]?.id}`), 200);
  }

  async function reviewDecision(api: RunsApi, document: DocumentView): Promise<DecisionView> {
    assert.ok(document.reviewRunId);
    const run = await api.waitFor(document.reviewRunId, (candidate) =>
      candidate.steps.some((step) => step.state === 'waiting'),
    );
    const decisionId = run.steps.find((step) => step.stepId === 'supervisor_review')?.decisionId;
    assert.ok(decisionId);
    return api.json<DecisionView>(api.get(`/api/decisions/${decisionId}`), 200);
  }

  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'trustops-wizards-'));
    await cp(join(findRepositoryRoot(), 'fixtures', 'tie'), join(base, 'tie'), { recursive: true });
    testApp = await startAuthTestApp({ env: { LOG_LEVEL: 'warn', WORKSPACE_ALLOWED_ROOTS: base } });
    const analyst = await signedIn('analyst');
    const workspace = await analyst.json<WorkspaceView>(
      analyst.post('/api/workspaces', { source: join(base, 'tie'), name: 'Fixture TIE' }),
      201,
    );
    workspaceId = workspace.id;
    clinician = await signedIn('clinician');
    supervisor = await signedIn('supervisor');
  });

  after(async () => {
    await testApp?.close();
    await rm(base, { recursive: true, force: true });
  });

  it('should list the workspaces a clinician may point a wizard at', async () => {
    const options = await clinician.json<{ items: WizardWorkspaceOption[] }>(
      clinician.get('/api/wizards/workspaces'),
      200,
    );
    assert.deepEqual(
      options.items.map((item) => item.name),
      ['Fixture TIE'],
    );
    await clinician.json<ErrorBody>(clinician.get('/api/workspaces'), 403);
  });

  it('should assess the impact of a new NHS number format with the offline engine, naming real files, fields and ports', async () => {
    const document = await runWizard('wizards-impact-assessment', {
      change: 'What happens if we change the NHS number format?',
    });
    assert.equal(document.kind, 'impact-assessment');
    assert.equal(document.state, 'draft');
    assert.equal(document.contentSha256, sha256(document.content));
    for (const expected of [
      'PID-3',
      'src/hl7/validator.js',
      'src/mapping/patient-to-fhir.js',
      'MLLP :2575',
      'ADT^A01',
      'ORU^R01',
      '```mermaid',
    ])
      assert.ok(document.content.includes(expected), `expected the impact assessment to mention ${expected}`);
  });

  it('should give every wizard a document about the real integration', async () => {
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ['wizards-analyse-integration', {}, ['## Architecture at a glance', 'ADT^A03', 'MLLP :2576']],
      [
        'wizards-document-system',
        { system: 'Northfield TIE' },
        ['# Northfield TIE: system documentation', 'PID-3', 'MLLP :2575'],
      ],
      ['wizards-test-plan', { messageTypes: 'ORU^R01' }, ['## ORU^R01 — ', 'samples/oru_r01_fbc.hl7', 'MLLP :2576']],
      [
        'wizards-gap-analysis',
        { requirements: 'Receive ADT^A04 registrations\nSend discharge notifications to the GP over MESH' },
        ['❌ Gap', '✅ Met', 'ADT^A03'],
      ],
    ];
    for (const [runbookId, inputs, expected] of cases) {
      const document = await runWizard(runbookId, inputs);
      for (const text of expected) assert.ok(document.content.includes(text), `${runbookId}: expected ${text}`);
    }
  });

  it('should take a document through review, approval with its signature, implementation and verification', async () => {
    const drafted = await runWizard('wizards-test-plan', {});
    const submitted = await clinician.json<DocumentView>(clinician.post(`/api/documents/${drafted.id}/submit`), 200);
    assert.equal(submitted.state, 'review');
    const decision = await reviewDecision(supervisor, submitted);
    assert.match(decision.context, new RegExp(drafted.contentSha256));
    assert.deepEqual(decision.allowedRoles, ['supervisor']);

    // Nothing can be edited while the decision is pending.
    const editing = await clinician.browser.request(
      `/api/documents/${drafted.id}`,
      withCsrf(clinician.session.csrfToken, { method: 'PATCH', body: { content: 'changed' } }),
    );
    assert.equal(editing.status, 409);

    await supervisor.json<DecisionView>(
      supervisor.post(`/api/decisions/${decision.id}/decide`, { verdict: 'approve', comment: 'Looks complete' }),
      200,
    );
    const reviewRun = await supervisor.waitFor(submitted.reviewRunId ?? '');
    assert.equal(reviewRun.state, 'succeeded', JSON.stringify(reviewRun.steps));
    const approved = await clinician.json<DocumentView>(clinician.get(`/api/documents/${drafted.id}`), 200);
    assert.equal(approved.state, 'approved');
    assert.equal(approved.signatureValid, true);
    assert.equal(approved.signatures.length, 1);
    assert.equal(approved.signatures[0]?.contentSha256, sha256(approved.content));
    assert.equal(approved.signatures[0]?.approver.userId, supervisor.session.user.id);
    assert.equal(approved.signatures[0]?.decisionId, decision.id);

    const implemented = await clinician.json<DocumentView>(
      clinician.post(`/api/documents/${drafted.id}/implemented`),
      200,
    );
    assert.equal(implemented.state, 'implemented');
    const verification = await clinician.json<DocumentView>(
      clinician.post(`/api/documents/${drafted.id}/verification`),
      200,
    );
    assert.equal(verification.state, 'verification');
    const verifyDecision = await reviewDecision(supervisor, verification);
    await supervisor.json<DecisionView>(
      supervisor.post(`/api/decisions/${verifyDecision.id}/decide`, { verdict: 'approve' }),
      200,
    );
    await supervisor.waitFor(verification.reviewRunId ?? '');
    const verified = await clinician.json<DocumentView>(clinician.get(`/api/documents/${drafted.id}`), 200);
    assert.equal(verified.state, 'verified');
    assert.deepEqual(
      verified.signatures.map((signature) => signature.stage),
      ['review', 'verify'],
    );
    assert.deepEqual(
      verified.history.map((entry) => entry.state),
      ['draft', 'review', 'approved', 'implemented', 'verification', 'verified'],
    );

    // Editing after approval invalidates the signatures and sends the document back to draft.
    const editedResponse = await clinician.browser.request(
      `/api/documents/${drafted.id}`,
      withCsrf(clinician.session.csrfToken, {
        method: 'PATCH',
        body: { content: `${verified.content}\n\nOne more case.` },
      }),
    );
    assert.equal(editedResponse.status, 200);
    const edited = (await editedResponse.json()) as DocumentView;
    assert.equal(edited.state, 'draft');
    assert.equal(edited.signatureValid, false);
    assert.equal(edited.signatures.length, 0);
    assert.equal(edited.invalidatedSignatures.length, 2);

    const audit = await testApp.query<{ action: string }>(
      'SELECT action FROM audit_records WHERE resource_id = $1 ORDER BY sequence',
      [drafted.id],
    );
    const actions = audit.map((row) => row.action);
    for (const action of [
      'document.drafted',
      'document.submitted',
      'document.approved',
      'document.implemented',
      'document.verification-requested',
      'document.verified',
      'document.edited',
    ])
      assert.ok(actions.includes(action), `expected ${action} in ${actions.join(', ')}`);
  });

  it('should not let the submitter approve their own document, and return a rejected one to draft', async () => {
    const admin = await signedIn('admin');
    await grantSupervisor(admin, clinician.session);
    const drafted = await runWizard('wizards-gap-analysis', { requirements: 'Receive lab results on MLLP' });
    const submitted = await clinician.json<DocumentView>(clinician.post(`/api/documents/${drafted.id}/submit`), 200);
    const decision = await reviewDecision(clinician, submitted);
    const own = await clinician.json<ErrorBody>(
      clinician.post(`/api/decisions/${decision.id}/decide`, { verdict: 'approve' }),
      403,
    );
    assert.match(own.message, /cannot approve your own request/);

    await supervisor.json<DecisionView>(
      supervisor.post(`/api/decisions/${decision.id}/decide`, {
        verdict: 'reject',
        comment: 'Add the ADT requirements',
      }),
      200,
    );
    await supervisor.waitFor(submitted.reviewRunId ?? '');
    const returned = await clinician.json<DocumentView>(clinician.get(`/api/documents/${drafted.id}`), 200);
    assert.equal(returned.state, 'draft');
    assert.equal(returned.signatures.length, 0);
    assert.match(returned.history.at(-1)?.note ?? '', /Rejected by .*Add the ADT requirements/);
  });

  it('should refuse lifecycle moves to people without the permission and out of order', async () => {
    const [first] = (await clinician.json<DocumentListResponse>(clinician.get('/api/documents'), 200)).items;
    assert.ok(first);
    await supervisor.json<ErrorBody>(supervisor.post(`/api/documents/${first.id}/submit`), 403);
    const outOfOrder = await clinician.json<ErrorBody>(clinician.post(`/api/documents/${first.id}/implemented`), 409);
    assert.match(outOfOrder.message, /cannot be marked as implemented/);
    await clinician.json<ErrorBody>(clinician.get('/api/documents/00000000-0000-4000-8000-000000000000'), 404);
  });
});
