import type { IncidentDetail, RecommendedActionView } from '@trustops/contracts';

const AT = '2026-12-02T10:00:00.000Z';

export function incidentActionStub(overrides: Partial<RecommendedActionView> = {}): RecommendedActionView {
  return {
    id: 'action-1',
    findingId: 'finding-1',
    rank: 1,
    title: 'Roll back checkout-service to v3.0.4',
    rationale: 'The hosts on v3.1.0 fail; those on v3.0.4 work.',
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
      metric: 'trace.http.request.errors_pct',
      scope: 'service:checkout-service',
      comparison: 'below',
      threshold: 1,
      description: 'failed checkouts fall below 1%',
    },
    runbookId: 'rollback-deploy',
    status: 'awaiting_approval',
    result: null,
    approvedBy: [],
    ...overrides,
  };
}

/** "checkout is failing after the deploy", diagnosed and waiting for a supervisor (run-1). */
export function incidentStub(overrides: Partial<IncidentDetail> = {}): IncidentDetail {
  return {
    id: 'incident-1',
    title: 'Checkout is failing after the deploy',
    description: 'checkout is failing after the deploy',
    status: 'awaiting_approval',
    severity: 'sev1',
    category: 'deployment',
    service: 'checkout-service',
    scenario: 'checkout-rollout',
    engine: 'offline',
    runId: 'run-1',
    reportedBy: { userId: 'user-op', displayName: 'Grace Okafor' },
    createdAt: AT,
    updatedAt: AT,
    resolvedAt: null,
    rootCause: 'Partial rollout of checkout-service v3.1.0',
    confidence: 0.87,
    timeline: [
      {
        id: 'entry-1',
        at: AT,
        type: 'incident.reported',
        message: 'Grace Okafor reported the problem',
        actor: { userId: 'user-op', displayName: 'Grace Okafor' },
      },
    ],
    evidence: [
      {
        id: 'evidence-1',
        kind: 'metric',
        source: 'datadog',
        title: 'trace.http.request.errors_pct on service:checkout-service',
        data: {
          metric: 'trace.http.request.errors_pct',
          scope: 'service:checkout-service',
          unit: 'percent',
          points: [0.4, 12, 47.5].map((value, index) => ({ at: `2026-12-02T09:5${index}:00.000Z`, value })),
        },
        collectedAt: AT,
        round: 1,
      },
    ],
    findings: [
      {
        id: 'finding-1',
        rootCauseId: 'partial-rollout',
        rootCause: 'Partial rollout of checkout-service v3.1.0',
        explanation: 'The updated hosts fail payments.',
        confidence: 0.87,
        evidenceIds: ['evidence-1'],
        engine: 'offline',
        current: true,
        createdAt: AT,
      },
    ],
    actions: [
      incidentActionStub({ id: 'action-2', rank: 2, title: 'Page the payments team', risk: 'low', status: 'proposed' }),
      incidentActionStub(),
    ],
    summary: null,
    lastSeq: 12,
    ...overrides,
  };
}
