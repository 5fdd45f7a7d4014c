import assert from 'node:assert/strict';
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import { errorReply, FakeAnthropic, textReply, type FakeReply } from '../../runners/testing/fake-anthropic.js';
import { loadScenarioFixtures, type ScenarioFixture } from '../integrations/mock/scenario-fixture.js';
import { evidenceOfFixture } from '../testing/fixture-evidence.js';
import { ClaudeDiagnosisEngine } from './claude-diagnosis.js';
import type { EvidenceSet } from './evidence-set.js';
import { recommend } from './recommendations.js';

const API_KEY = 'sk-ant-test-key-not-real';

describe(ClaudeDiagnosisEngine.name, () => {
  let fake: FakeAnthropic;
  let checkout: ScenarioFixture;
  let evidence: EvidenceSet;

  before(async () => {
    checkout = (await loadScenarioFixtures()).find((fixture) => fixture.id === 'checkout-rollout')!;
    evidence = evidenceOfFixture(checkout);
  });

  beforeEach(async () => {
    fake = await new FakeAnthropic().start();
  });

  afterEach(async () => {
    await fake.stop();
  });

  const engine = () =>
    new ClaudeDiagnosisEngine({
      apiKey: API_KEY,
      baseURL: fake.url,
      model: 'claude-sonnet-5-5',
      maxRetries: 0,
      timeoutMs: 10_000,
    });

  const answer = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify({
      rootCauseId: 'partial-rollout-failure',
      rootCause: 'checkout-service v3.1.0 is missing a payments setting, so the updated hosts refuse card payments.',
      explanation: 'Only the two hosts on v3.1.0 fail; the logs name the missing configuration key.',
      confidence: 0.88,
      evidenceIds: ['e1', 'e3', 'e999'],
      ...overrides,
    });

  const diagnose = async (...replies: FakeReply[]) => {
    fake.script(...replies);
    return engine().diagnose('checkout is failing after the deploy', evidence);
  };

  it("should return the model's structured diagnosis, keeping only evidence that exists, with targets for the recommendations", async () => {
    const result = await diagnose(textReply(answer()));
    assert.equal(result.engine, 'claude');
    assert.equal(result.fallbackReason, null);
    assert.equal(result.diagnosis.rootCauseId, 'partial-rollout-failure');
    assert.equal(result.diagnosis.confidence, 0.88);
    assert.equal(result.diagnosis.category, 'deployment');
    assert.deepEqual(result.diagnosis.evidenceIds, ['e1', 'e3']);
    const [top] = recommend(result.diagnosis);
    assert.deepEqual([top?.action.operation, top?.action.target], ['rollbackDeployment', 'checkout-service']);

    const [request] = fake.requests;
    assert.ok(
      [request?.headers['x-api-key'], request?.headers.authorization].some((header) => header?.includes(API_KEY)),
    );
    assert.equal(request?.body.model, 'claude-sonnet-5-5');
    assert.match(String(request?.body.system), /matching this JSON Schema:.*"rootCauseId"/s);
    const prompt = JSON.stringify(request?.body.messages);
    assert.match(prompt, /checkout is failing after the deploy/);
    assert.match(prompt, /id e1 \[alert from datadog\]/);
  });

  it('should read JSON wrapped in a code fence with a sentence around it', async () => {
    const result = await diagnose(
      textReply(`Here is my diagnosis:\n\`\`\`json\n${answer({ confidence: 0.7 })}\n\`\`\``),
    );
    assert.equal(result.engine, 'claude');
    assert.equal(result.diagnosis.confidence, 0.7);
  });

  it('should fall back to the offline rules, saying why, when the answer is not JSON', async () => {
    const result = await diagnose(textReply('I think it is probably the deploy, but I am not sure.'));
    assert.equal(result.engine, 'offline');
    assert.equal(result.fallbackReason, 'Claude’s answer was not valid JSON.');
    assert.equal(result.diagnosis.rootCauseId, checkout.expected.rootCauseId);
  });

  it('should fall back when the JSON breaks the schema', async () => {
    const result = await diagnose(textReply(answer({ rootCauseId: 'gremlins', confidence: 1.5 })));
    assert.equal(result.engine, 'offline');
    assert.match(
      result.fallbackReason ?? '',
      /did not match the diagnosis schema \(\/rootCauseId must be equal to one of the allowed values; \/confidence must be <= 1\)/,
    );
    assert.equal(result.diagnosis.rootCauseId, 'partial-rollout-failure');
  });

  it('should fall back when every cited piece of evidence is made up', async () => {
    const result = await diagnose(textReply(answer({ evidenceIds: ['x1', 'x2'] })));
    assert.equal(result.engine, 'offline');
    assert.equal(result.fallbackReason, 'Claude’s answer cited evidence that was never gathered.');
  });

  it('should fall back when the API answers with a broken body or an error', async () => {
    const broken = await diagnose({ kind: 'malformed' });
    assert.equal(broken.engine, 'offline');
    assert.match(broken.fallbackReason ?? '', /^Claude could not be asked/);

    const refused = await diagnose(errorReply(400, 'invalid_request_error', 'prompt is too long'));
    assert.equal(refused.engine, 'offline');
    assert.match(refused.fallbackReason ?? '', /prompt is too long/);
    assert.equal(refused.diagnosis.rootCauseId, 'partial-rollout-failure');
  });
});
