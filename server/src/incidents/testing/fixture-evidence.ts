import type { EvidenceItem } from '../diagnosis/evidence-set.js';
import { EvidenceSet } from '../diagnosis/evidence-set.js';
import type { ScenarioFixture } from '../integrations/mock/scenario-fixture.js';

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

/**
 * The evidence a gather would store for a scenario before any action ran (what the mock
 * integrations answer), with ids `e1`, `e2`, ... — for tests of the diagnosis engines.
 */
export function evidenceOfFixture(fixture: ScenarioFixture): EvidenceSet {
  const items: EvidenceItem[] = [];
  const add = (kind: EvidenceItem['kind'], title: string, data: unknown) =>
    items.push({ id: `e${items.length + 1}`, kind, source: 'datadog', title, data });
  for (const { minutesAgo: ago, ...alert } of fixture.alerts) {
    add('alert', alert.title, { ...alert, status: 'triggered', triggeredAt: minutesAgo(ago) });
  }
  for (const metric of fixture.metrics) {
    add('metric', `${metric.metric} on ${metric.scope}`, {
      metric: metric.metric,
      scope: metric.scope,
      unit: metric.unit,
      points: metric.values.map((value, index) => ({ at: minutesAgo((metric.values.length - 1 - index) * 5), value })),
    });
  }
  for (const { minutesAgo: ago, ...entry } of fixture.logs) {
    if (['warn', 'error', 'fatal'].includes(entry.level)) add('log', entry.message, { ...entry, at: minutesAgo(ago) });
  }
  for (const { minutesAgo: ago, ...deployment } of fixture.deployments) {
    if (ago <= 24 * 60) add('deployment', deployment.id, { ...deployment, startedAt: minutesAgo(ago) });
  }
  for (const host of fixture.hosts) add('host', host.name, { host: host.name, role: host.role, ...host.health });
  return new EvidenceSet(items);
}
