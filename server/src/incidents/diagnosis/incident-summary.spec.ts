import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IncidentDetail, RecommendedActionView } from '@trustops/contracts';
import { writeIncidentSummary } from './incident-summary.js';

const action: RecommendedActionView = {
  id: 'a1',
  findingId: 'f1',
  rank: 1,
  title: 'Roll checkout-service back to v3.0.4',
  rationale: 'The updated hosts fail.',
  risk: 'medium',
  approvalPolicy: 'require_one',
  action: {
    integration: 'aws',
    operation: 'rollbackDeployment',
    target: 'checkout-service',
    params: {},
    readOnly: false,
  },
  verification: {
    metric: 'errors',
    scope: 'service:checkout-service',
    comparison: 'below',
    threshold: 2,
    description: 'checkout-service errors back below 2%',
  },
  runbookId: 'incidents-rollback-deploy',
  status: 'verified',
  result: {
    operation: 'rollbackDeployment',
    target: 'checkout-service',
    reference: 'r1',
    message: 'Rolled checkout-service back to v3.0.4.',
    completedAt: '2026-12-02T10:20:00.000Z',
  },
  approvedBy: ['Siobhan Murphy'],
};

const incident: Omit<IncidentDetail, 'summary' | 'lastSeq'> = {
  id: 'i1',
  title: 'Checkout is failing after the deploy',
  description: 'checkout is failing after the deploy',
  status: 'resolved',
  severity: 'sev2',
  category: 'deployment',
  service: 'checkout-service',
  scenario: 'checkout-rollout',
  engine: 'offline',
  runId: 'r1',
  reportedBy: { userId: 'u1', displayName: 'Alex Operator' },
  createdAt: '2026-12-02T10:00:00.000Z',
  updatedAt: '2026-12-02T10:25:00.000Z',
  resolvedAt: '2026-12-02T10:25:00.000Z',
  rootCause: 'Partial rollout failure of checkout-service v3.1.0.',
  confidence: 0.95,
  timeline: [
    {
      id: 't1',
      at: '2026-12-02T10:00:00.000Z',
      type: 'incident.reported',
      message: 'Alex Operator reported it',
      actor: { userId: 'u1', displayName: 'Alex Operator' },
    },
    {
      id: 't2',
      at: '2026-12-02T10:25:00.000Z',
      type: 'incident.summarised',
      message: 'Incident resolved',
      actor: { userId: null, displayName: 'TrustOps' },
    },
  ],
  evidence: [
    {
      id: 'e1',
      kind: 'alert',
      source: 'datadog',
      title: 'Errors',
      data: {},
      collectedAt: '2026-12-02T10:01:00.000Z',
      round: 1,
    },
    {
      id: 'e2',
      kind: 'deployment',
      source: 'aws',
      title: 'v3.1.0',
      data: {},
      collectedAt: '2026-12-02T10:01:00.000Z',
      round: 1,
    },
  ],
  findings: [
    {
      id: 'f1',
      rootCauseId: 'partial-rollout-failure',
      rootCause: 'Partial rollout failure of checkout-service v3.1.0.',
      explanation: 'Only the updated hosts fail.',
      confidence: 0.95,
      evidenceIds: ['e1', 'e2'],
      engine: 'offline',
      current: true,
      createdAt: '2026-12-02T10:02:00.000Z',
    },
  ],
  actions: [action],
};

describe('writeIncidentSummary', () => {
  it('should tell what happened, the cause, who approved what, how it was verified and how long it took', () => {
    const markdown = writeIncidentSummary(incident);
    assert.match(markdown, /^# Post-incident report: Checkout is failing after the deploy\n/);
    assert.match(
      markdown,
      /On 2026-12-02 10:00 UTC Alex Operator reported: “checkout is failing after the deploy”\. It was classified as a SEV2 deployment incident affecting checkout-service\./,
    );
    assert.match(markdown, /gathered 2 pieces of evidence \(alert, deployment\) from datadog, aws/);
    assert.match(markdown, /The offline diagnosis concluded, with 95% confidence: Partial rollout failure/);
    assert.match(
      markdown,
      /“Roll checkout-service back to v3\.0\.4” \(medium risk\), was carried out\. It was approved under the require one policy by Siobhan Murphy\. Rolled checkout-service back/,
    );
    assert.match(
      markdown,
      /Verification passed: checkout-service errors back below 2%\. The incident was resolved 25 minutes after it was reported\./,
    );
    assert.match(markdown, /## Timeline\n\n- 2026-12-02 10:00 UTC — Alex Operator reported it \(Alex Operator\)/);
  });

  it('should say when nothing was resolved', () => {
    const markdown = writeIncidentSummary(
      { ...incident, status: 'failed', resolvedAt: null, findings: [], actions: [] },
      '2026-12-02T11:00:00.000Z',
    );
    assert.match(markdown, /needs someone to take it on/);
    assert.match(markdown, /## Root cause\n\nNot determined\./);
    assert.match(markdown, /None recommended\./);
  });
});
