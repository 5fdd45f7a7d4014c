import { Injectable } from '@nestjs/common';
import type { EvidenceKind, IntegrationName } from '@trustops/contracts';
import { IntegrationRegistry } from './integrations/integration-registry.js';
import { IntegrationError, type IntegrationCall } from './integrations/providers.js';

/** Evidence before it is stored. */
export interface GatheredEvidence {
  kind: EvidenceKind;
  source: IntegrationName;
  title: string;
  data: unknown;
}

export interface GatherResult {
  evidence: GatheredEvidence[];
  /** Integrations that could not be reached, with why: the diagnosis goes ahead without them. */
  problems: string[];
}

const HOUR = 60 * 60_000;
const LOGS_PER_GATHER = 40;

/**
 * Asks every integration what it knows about the incident: alerts and pages firing, the metrics
 * of the hosts, services, regions and queues they name, warning and error logs, deployments of
 * the last day, the health of the hosts involved, and related tickets. One integration failing
 * does not stop the others.
 */
@Injectable()
export class EvidenceGatherer {
  constructor(private readonly registry: IntegrationRegistry) {}

  async gather(call: IntegrationCall, service: string | null): Promise<GatherResult> {
    const evidence: GatheredEvidence[] = [];
    const problems: string[] = [];
    const attempt = async <T>(name: IntegrationName, work: () => Promise<T>): Promise<T | null> => {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof IntegrationError)) throw error;
        problems.push(`${name}: ${error.message}`);
        return null;
      }
    };
    const { datadog: monitoring, aws: cloud, pagerduty, servicenow } = await this.registry.providers(call);
    const now = Date.now();
    const window = { from: new Date(now - 2 * HOUR).toISOString() };

    const alerts = (await attempt('datadog', () => monitoring.listAlerts(call, window))) ?? [];
    for (const alert of alerts) evidence.push({ kind: 'alert', source: alert.source, title: alert.title, data: alert });

    const pages =
      (await attempt('pagerduty', () => pagerduty.listIncidents(call, { status: ['triggered', 'acknowledged'] }))) ??
      [];
    for (const page of pages) evidence.push({ kind: 'pager', source: 'pagerduty', title: page.title, data: page });

    const deployments =
      (await attempt('aws', () => cloud.listDeployments(call, { from: new Date(now - 24 * HOUR).toISOString() }))) ??
      [];
    for (const deployment of deployments) {
      evidence.push({
        kind: 'deployment',
        source: 'aws',
        title: `${deployment.service} ${deployment.version} (${deployment.status})`,
        data: deployment,
      });
    }

    // Metrics: every scope of each alert's metric (to compare hosts, regions, queues), and every metric of the hosts and services involved.
    const hosts = new Set<string>(alerts.map((alert) => alert.host).filter((host): host is string => !!host));
    for (const deployment of deployments) for (const host of deployment.updatedHosts) hosts.add(host);
    const services = new Set<string>(
      [...alerts.map((alert) => alert.service), service].filter((name): name is string => !!name),
    );
    const wanted = new Map<string, { metric: string; scope?: string }>();
    for (const alert of alerts) if (alert.metric) wanted.set(alert.metric, { metric: alert.metric });
    for (const scope of [
      ...[...hosts].map((host) => `host:${host}`),
      ...[...services].map((name) => `service:${name}`),
    ]) {
      for (const known of (await attempt('datadog', () => monitoring.listMetrics(call, scope))) ?? []) {
        if (!wanted.has(known.metric))
          wanted.set(`${known.metric}|${known.scope}`, { metric: known.metric, scope: known.scope });
      }
    }
    const seen = new Set<string>();
    for (const query of wanted.values()) {
      for (const series of (await attempt('datadog', () =>
        monitoring.queryMetric(call, { ...query, from: new Date(now - HOUR).toISOString() }),
      )) ?? []) {
        const key = `${series.metric}|${series.scope}`;
        if (seen.has(key)) continue;
        seen.add(key);
        evidence.push({
          kind: 'metric',
          source: 'datadog',
          title: `${series.metric} on ${series.scope}`,
          data: series,
        });
      }
    }

    const logs =
      (await attempt('datadog', () =>
        monitoring.searchLogs(call, { ...window, minimumLevel: 'warn', limit: LOGS_PER_GATHER }),
      )) ?? [];
    for (const entry of logs) {
      evidence.push({
        kind: 'log',
        source: 'datadog',
        title: `${entry.level.toUpperCase()} ${entry.service}${entry.host ? ` on ${entry.host}` : ''}`,
        data: entry,
      });
    }

    const instances = (await attempt('aws', () => cloud.listInstances(call))) ?? [];
    for (const host of hosts) {
      const health = await attempt('aws', () => cloud.hostHealth(call, host));
      if (!health) continue;
      const role = instances.find((instance) => instance.name === host)?.role;
      evidence.push({
        kind: 'host',
        source: 'aws',
        title: `Health of ${host}: ${health.status}`,
        data: { ...health, role },
      });
    }

    const tickets =
      (await attempt('servicenow', () =>
        servicenow.searchIncidents(call, { service: service ?? undefined, limit: 10 }),
      )) ?? [];
    for (const ticket of tickets)
      evidence.push({
        kind: 'ticket',
        source: ticket.integration,
        title: `${ticket.key}: ${ticket.title}`,
        data: ticket,
      });

    return { evidence, problems };
  }
}
