import type { IncidentDetail } from '@trustops/contracts';

const time = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

function minutesBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 60_000));
}

/**
 * The post-incident report: the timeline turned into narrative prose (what happened, what was
 * found, what was done and by whom, how we know it worked), then the timeline itself.
 */
export function writeIncidentSummary(
  incident: Omit<IncidentDetail, 'summary' | 'lastSeq'>,
  now = new Date().toISOString(),
): string {
  const finding = incident.findings.find((candidate) => candidate.current) ?? null;
  const executed = incident.actions.find((action) => ['executed', 'verified'].includes(action.status)) ?? null;
  const verified = incident.actions.find((action) => action.status === 'verified') ?? null;
  const end = incident.resolvedAt ?? now;
  const paragraphs: string[] = [];

  paragraphs.push(
    `On ${time(incident.createdAt)} ${incident.reportedBy.displayName} reported: “${incident.description}”. ` +
      `It was classified as a ${incident.severity.toUpperCase()} ${incident.category} incident` +
      `${incident.service ? ` affecting ${incident.service}` : ''}.`,
  );
  const evidenceKinds = [...new Set(incident.evidence.map((item) => item.kind))];
  if (incident.evidence.length > 0) {
    paragraphs.push(
      `TrustOps gathered ${incident.evidence.length} pieces of evidence (${evidenceKinds.join(', ')}) from ` +
        `${[...new Set(incident.evidence.map((item) => item.source))].join(', ')}.`,
    );
  }
  if (finding) {
    paragraphs.push(
      `The ${finding.engine} diagnosis concluded, with ${Math.round(finding.confidence * 100)}% confidence: ${finding.rootCause} ${finding.explanation}`,
    );
  }
  if (executed) {
    const approval =
      executed.approvalPolicy === 'auto'
        ? 'It needed no approval because it changes nothing.'
        : `It was approved under the ${executed.approvalPolicy.replace('_', ' ')} policy${executed.approvedBy.length ? ` by ${executed.approvedBy.join(' and ')}` : ''}.`;
    paragraphs.push(
      `The recommended action, “${executed.title}” (${executed.risk} risk), was carried out. ${approval} ${executed.result?.message ?? ''}`.trim(),
    );
  }
  if (verified?.verification) {
    paragraphs.push(
      `Verification passed: ${verified.verification.description}. The incident was resolved ${minutesBetween(incident.createdAt, end)} minutes after it was reported.`,
    );
  } else if (incident.status === 'failed') {
    paragraphs.push('The incident was not resolved automatically; it needs someone to take it on.');
  }

  const lines = [
    `# Post-incident report: ${incident.title}`,
    '',
    `- **Status:** ${incident.status}`,
    `- **Severity:** ${incident.severity.toUpperCase()}`,
    `- **Category:** ${incident.category}`,
    `- **Service:** ${incident.service ?? 'not identified'}`,
    `- **Reported:** ${time(incident.createdAt)} by ${incident.reportedBy.displayName}`,
    ...(incident.resolvedAt ? [`- **Resolved:** ${time(incident.resolvedAt)}`] : []),
    '',
    '## What happened',
    '',
    paragraphs.join('\n\n'),
    '',
    '## Root cause',
    '',
    finding
      ? `${finding.rootCause} (confidence ${Math.round(finding.confidence * 100)}%, ${finding.evidenceIds.length} pieces of evidence)`
      : 'Not determined.',
    '',
    '## Actions',
    '',
    ...(incident.actions.length
      ? incident.actions.map(
          (action) =>
            `${action.rank}. ${action.title} — ${action.risk} risk, ${action.approvalPolicy}, ${action.status}`,
        )
      : ['None recommended.']),
    '',
    '## Timeline',
    '',
    ...incident.timeline.map((entry) => `- ${time(entry.at)} — ${entry.message} (${entry.actor.displayName})`),
    '',
  ];
  return lines.join('\n');
}
