import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  Alert,
  CloudOperation,
  Deployment,
  Host,
  HostHealth,
  IncidentCategory,
  LogEntry,
  PagerIncident,
  VerificationCheck,
} from '@trustops/contracts';
import { findRepositoryRoot } from '../../../platform/app-info.js';

/**
 * One scenario in `fixtures/incidents/<id>.json`: everything the mock integrations answer while
 * it is a tenant's active scenario. Times are relative (`minutesAgo`) so that the data always
 * looks current. `resolution` is the change that fixes the scenario: once a mock action matching
 * it has run, metrics switch to their `recovered` values, alerts resolve and hosts report
 * `afterFix` health, so verification passes only after the action ran.
 */
export interface ScenarioFixture {
  id: string;
  title: string;
  description: string;
  sampleReport: string;
  service: string;
  alerts: Array<Omit<Alert, 'triggeredAt' | 'status'> & { minutesAgo: number }>;
  pagerIncidents: Array<Omit<PagerIncident, 'createdAt'> & { minutesAgo: number }>;
  metrics: FixtureMetric[];
  logs: Array<Omit<LogEntry, 'at'> & { minutesAgo: number }>;
  deployments: Array<Omit<Deployment, 'startedAt'> & { minutesAgo: number }>;
  hosts: Array<Host & { health: Omit<HostHealth, 'host'>; afterFix?: Omit<HostHealth, 'host'> }>;
  tickets: Array<{ key: string; title: string; status: string; service: string; minutesAgo: number }>;
  resolution: { operation: CloudOperation; target: string };
  /** What the offline engine and the whole lifecycle must reach (checked by the tests). */
  expected: {
    category: IncidentCategory;
    rootCauseId: string;
    action: { operation: CloudOperation; target: string };
    approvalPolicy: 'require_one' | 'require_two';
  };
  verification: VerificationCheck;
}

export interface FixtureMetric {
  metric: string;
  scope: string;
  unit: string;
  /** One value every 5 minutes, oldest first, the last one now. */
  values: number[];
  /** The latest values once the resolution has run (replacing the newest points). */
  recovered?: number[];
}

/** Step between two fixture metric points. */
export const FIXTURE_POINT_MINUTES = 5;

export function scenarioFolder(): string {
  return join(findRepositoryRoot(), 'fixtures', 'incidents');
}

/** Reads every scenario in the folder, sorted by id. */
export async function loadScenarioFixtures(folder = scenarioFolder()): Promise<ScenarioFixture[]> {
  const files = (await readdir(folder)).filter((name) => name.endsWith('.json')).sort();
  const fixtures: ScenarioFixture[] = [];
  for (const file of files) {
    const fixture = JSON.parse(await readFile(join(folder, file), 'utf8')) as ScenarioFixture;
    if (`${fixture.id}.json` !== file)
      throw new Error(`fixtures/incidents/${file} must hold the scenario "${file.slice(0, -5)}"`);
    fixtures.push(fixture);
  }
  return fixtures;
}
