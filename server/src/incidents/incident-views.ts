import type { EvidenceView, FindingView, IncidentSummaryView, RecommendedActionView } from '@trustops/contracts';
import type { IncidentAction } from './incident-action.entity.js';
import type { IncidentEvidence } from './incident-evidence.entity.js';
import type { IncidentFinding } from './incident-finding.entity.js';
import type { Incident } from './incident.entity.js';

export function incidentSummaryView(incident: Incident, finding: IncidentFinding | null): IncidentSummaryView {
  return {
    id: incident.id,
    title: incident.title,
    description: incident.description,
    status: incident.status,
    severity: incident.severity,
    category: incident.category,
    service: incident.service,
    scenario: incident.scenario,
    engine: incident.engine,
    runId: incident.runId,
    reportedBy: { userId: incident.reportedByUserId, displayName: incident.reportedByName },
    createdAt: incident.createdAt.toISOString(),
    updatedAt: incident.updatedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    rootCause: finding?.rootCause ?? null,
    confidence: finding?.confidence ?? null,
  };
}

export function evidenceView(evidence: IncidentEvidence): EvidenceView {
  return {
    id: evidence.id,
    kind: evidence.kind,
    source: evidence.source,
    title: evidence.title,
    data: evidence.data,
    collectedAt: evidence.createdAt.toISOString(),
    round: evidence.round,
  };
}

export function findingView(finding: IncidentFinding): FindingView {
  return {
    id: finding.id,
    rootCauseId: finding.rootCauseId,
    rootCause: finding.rootCause,
    explanation: finding.explanation,
    confidence: finding.confidence,
    evidenceIds: finding.evidenceIds,
    engine: finding.engine,
    current: finding.current,
    createdAt: finding.createdAt.toISOString(),
  };
}

export function actionView(action: IncidentAction): RecommendedActionView {
  return {
    id: action.id,
    findingId: action.findingId,
    rank: action.rank,
    title: action.title,
    rationale: action.rationale,
    risk: action.risk,
    approvalPolicy: action.approvalPolicy,
    action: action.action,
    verification: action.verification,
    runbookId: action.runbookId,
    status: action.status,
    result: action.result,
    approvedBy: action.approvedBy,
  };
}
