import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadScenarioFixtures, type ScenarioFixture } from '../integrations/mock/scenario-fixture.js';
import { classify } from './classification.js';
import { evidenceOfFixture } from '../testing/fixture-evidence.js';
import { EvidenceSet } from './evidence-set.js';
import { diagnoseOffline } from './offline-rules.js';
import { recommend } from './recommendations.js';

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();
const evidenceOf = evidenceOfFixture;

describe('offline diagnosis rules', () => {
  let fixtures: ScenarioFixture[];

  before(async () => {
    fixtures = await loadScenarioFixtures();
  });

  it('should have the six scenarios of the issue', () => {
    assert.deepEqual(
      fixtures.map((fixture) => fixture.id),
      ['checkout-rollout', 'db-connection-pool', 'eu-cdn-latency', 'high-cpu', 'hl7-backlog', 'pas-downtime'],
    );
  });

  it('should reach the expected root cause, with evidence and a confidence, on every scenario', () => {
    for (const fixture of fixtures) {
      const evidence = evidenceOf(fixture);
      const diagnosis = diagnoseOffline(evidence);
      assert.equal(
        diagnosis.rootCauseId,
        fixture.expected.rootCauseId,
        `${fixture.id}: ${diagnosis.rootCause} ${diagnosis.explanation}`,
      );
      assert.equal(diagnosis.category, fixture.expected.category, fixture.id);
      assert.ok(
        diagnosis.confidence >= 0.7 && diagnosis.confidence <= 0.97,
        `${fixture.id}: confidence ${diagnosis.confidence}`,
      );
      assert.ok(diagnosis.evidenceIds.length >= 3, `${fixture.id}: ${diagnosis.evidenceIds.length} pieces of evidence`);
      const known = new Set(evidence.items.map((item) => item.id));
      assert.ok(diagnosis.evidenceIds.every((id) => known.has(id)));
    }
  });

  it('should recommend the expected action first, with the approval its risk needs and a verification check', () => {
    for (const fixture of fixtures) {
      const [top] = recommend(diagnoseOffline(evidenceOf(fixture)));
      assert.ok(top, fixture.id);
      assert.equal(top.action.operation, fixture.expected.action.operation, fixture.id);
      assert.equal(top.action.target, fixture.expected.action.target, fixture.id);
      assert.equal(top.approvalPolicy, fixture.expected.approvalPolicy, fixture.id);
      assert.equal(top.action.readOnly, false);
      assert.deepEqual(
        top.verification && {
          metric: top.verification.metric,
          scope: top.verification.scope,
          comparison: top.verification.comparison,
        },
        {
          metric: fixture.verification.metric,
          scope: fixture.verification.scope,
          comparison: fixture.verification.comparison,
        },
        fixture.id,
      );
    }
  });

  it('should classify each sample report as its scenario category', () => {
    for (const fixture of fixtures) {
      const alerts = fixture.alerts.map(({ minutesAgo: ago, ...alert }) => ({
        ...alert,
        status: 'triggered' as const,
        triggeredAt: minutesAgo(ago),
      }));
      assert.equal(
        classify(fixture.sampleReport, alerts).category,
        fixture.expected.category,
        `${fixture.id}: "${fixture.sampleReport}"`,
      );
    }
  });

  it('should say the cause is undetermined, with low confidence, when nothing fits', () => {
    const diagnosis = diagnoseOffline(new EvidenceSet([]));
    assert.equal(diagnosis.rootCauseId, 'undetermined');
    assert.ok(diagnosis.confidence < 0.4);
    assert.deepEqual(recommend(diagnosis), []);
  });

  it('should give read-only actions the auto policy and high-risk changes two approvers', () => {
    const pas = fixtures.find((fixture) => fixture.id === 'pas-downtime')!;
    const actions = recommend(diagnoseOffline(evidenceOf(pas)));
    assert.deepEqual(
      actions.map((action) => [action.rank, action.risk, action.approvalPolicy, action.action.readOnly]),
      [
        [1, 'high', 'require_two', false],
        [2, 'low', 'auto', true],
      ],
    );
  });
});
