import { Injectable } from '@nestjs/common';
import {
  INTEGRATION_KINDS,
  INTEGRATION_LABELS,
  type Alert,
  type CloudActionResult,
  type CloudOperation,
  type Deployment,
  type IntegrationHealth,
  type IntegrationName,
  type LogEntry,
  type MetricSeries,
  type PagerIncident,
  type TicketReference,
} from '@trustops/contracts';
import {
  IntegrationError,
  type AlertingProvider,
  type CloudProvider,
  type CommunicationProvider,
  type IntegrationCall,
  type MonitoringProvider,
  type ProvidersByName,
  type Ticket,
  type TicketingProvider,
  type TimeWindow,
} from '../providers.js';
import { MockScenarios, type MockWorld } from './mock-scenarios.js';
import { FIXTURE_POINT_MINUTES, type FixtureMetric } from './scenario-fixture.js';

const LOG_LEVELS: LogEntry['level'][] = ['debug', 'info', 'warn', 'error', 'fatal'];

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

function inWindow(at: string, window: TimeWindow): boolean {
  const time = Date.parse(at);
  return (!window.from || time >= Date.parse(window.from)) && (!window.to || time <= Date.parse(window.to));
}

/** How long a mock metric takes to move one point towards recovery after the fix: recovery is not instant, so verification retries. */
export const MOCK_RECOVERY_STEP_MS = 2000;

function seriesOf(metric: FixtureMetric, fixedAt: Date | null): MetricSeries {
  const revealed = fixedAt
    ? Math.min(metric.recovered?.length ?? 0, 1 + Math.floor((Date.now() - fixedAt.getTime()) / MOCK_RECOVERY_STEP_MS))
    : 0;
  const recovered = (metric.recovered ?? []).slice(0, revealed);
  const values = [...metric.values.slice(recovered.length), ...recovered];
  return {
    metric: metric.metric,
    scope: metric.scope,
    unit: metric.unit,
    points: values.map((value, index) => ({
      at: minutesAgo((values.length - 1 - index) * FIXTURE_POINT_MINUTES),
      value,
    })),
  };
}

/**
 * The `mock` integrations: every answer comes from the tenant's active scenario fixture
 * (`fixtures/incidents/`), and every change is recorded in the tenant's mock state, so that
 * the scenario's resolution makes its metrics recover (and nothing else does).
 */
@Injectable()
export class MockProviders {
  private readonly providers: ProvidersByName;

  constructor(private readonly scenarios: MockScenarios) {
    this.providers = {
      servicenow: this.ticketing('servicenow', (count) => `INC${String(42000 + count).padStart(7, '0')}`),
      jira: this.ticketing('jira', (count) => `OPS-${1200 + count}`),
      datadog: this.monitoring(),
      pagerduty: this.alerting(),
      aws: this.cloud(),
      slack: this.communication(),
    };
  }

  provider<Name extends IntegrationName>(name: Name): ProvidersByName[Name] {
    return this.providers[name];
  }

  /** Stands in for a `live` integration whose client is not installed: says so, and every call fails. */
  unavailable<Name extends IntegrationName>(name: Name): ProvidersByName[Name] {
    const message = `${INTEGRATION_LABELS[name]} is set to live, but no live client for it is installed on this server.`;
    const health = (): Promise<IntegrationHealth> =>
      Promise.resolve({ status: 'unavailable', message, checkedAt: new Date().toISOString(), latencyMs: null });
    const base = { name, kind: INTEGRATION_KINDS[name], mode: 'live' as const, missing: message, health };
    return new Proxy(base, {
      get: (target, property) =>
        property in target
          ? target[property as keyof typeof target]
          : () => Promise.reject(new IntegrationError(name, message, false)),
    }) as unknown as ProvidersByName[Name];
  }

  private health(name: IntegrationName) {
    return async (call: IntegrationCall): Promise<IntegrationHealth> => {
      const started = Date.now();
      const world = await this.scenarios.world(call.tenantId);
      return {
        status: 'healthy',
        message: `${INTEGRATION_LABELS[name]} (mock) answers from the scenario "${world.fixture.title}".`,
        checkedAt: new Date().toISOString(),
        latencyMs: Date.now() - started,
      };
    };
  }

  private ticketing(name: 'servicenow' | 'jira', keyFor: (count: number) => string): TicketingProvider {
    const find = (world: MockWorld, key: string): Ticket => {
      const ticket = world.state.tickets.find((candidate) => candidate.integration === name && candidate.key === key);
      if (!ticket) throw new IntegrationError(name, `${INTEGRATION_LABELS[name]} has no ticket ${key}.`, false, 404);
      return ticket;
    };
    const fixtureTickets = (world: MockWorld): TicketReference[] =>
      world.fixture.tickets.map((ticket) => ({
        integration: name,
        key: ticket.key,
        url: null,
        title: ticket.title,
        status: ticket.status,
      }));
    return {
      name,
      kind: 'ticketing',
      mode: 'mock',
      health: this.health(name),
      createIncident: (call, input) =>
        this.scenarios.change(call.tenantId, (state) => {
          const existing = state.tickets.find(
            (ticket) => ticket.integration === name && ticket.description.includes(`[${input.correlationId}]`),
          );
          if (existing) return existing;
          const now = new Date().toISOString();
          const key = keyFor(state.tickets.filter((ticket) => ticket.integration === name).length + 1);
          const ticket: Ticket = {
            integration: name,
            key,
            url: null,
            title: input.title,
            status: 'new',
            description: `${input.description}\n\n[${input.correlationId}]`,
            priority: input.priority,
            comments: [],
            createdAt: now,
            updatedAt: now,
          };
          state.tickets = [...state.tickets, ticket];
          return ticket;
        }),
      updateIncident: (call, key, update) =>
        this.scenarios.change(call.tenantId, (state, world) => {
          const ticket = find(world, key);
          if (update.status) ticket.status = update.status;
          if (update.priority) ticket.priority = update.priority;
          if (update.resolutionNote)
            ticket.comments.push({ at: new Date().toISOString(), author: 'TrustOps', text: update.resolutionNote });
          ticket.updatedAt = new Date().toISOString();
          state.tickets = [...state.tickets];
          return ticket;
        }),
      addComment: (call, key, text) =>
        this.scenarios.change(call.tenantId, (state, world) => {
          const ticket = find(world, key);
          ticket.comments.push({ at: new Date().toISOString(), author: 'TrustOps', text });
          ticket.updatedAt = new Date().toISOString();
          state.tickets = [...state.tickets];
          return ticket;
        }),
      getIncident: async (call, key) => find(await this.scenarios.world(call.tenantId), key),
      searchIncidents: async (call, query) => {
        const world = await this.scenarios.world(call.tenantId);
        const service = query.service?.toLowerCase();
        const text = query.text?.toLowerCase();
        const fromFixture = fixtureTickets(world).filter((ticket, index) => {
          const source = world.fixture.tickets[index];
          return (
            (!service || source?.service.toLowerCase() === service) &&
            (!text || ticket.title.toLowerCase().includes(text))
          );
        });
        const filed = world.state.tickets
          .filter((ticket) => ticket.integration === name)
          .filter((ticket) => !text || ticket.title.toLowerCase().includes(text));
        return [...filed, ...fromFixture]
          .slice(0, query.limit ?? 20)
          .map(({ integration, key, url, title, status }) => ({
            integration,
            key,
            url,
            title,
            status,
          }));
      },
    };
  }

  private monitoring(): MonitoringProvider {
    return {
      name: 'datadog',
      kind: 'monitoring',
      mode: 'mock',
      health: this.health('datadog'),
      listAlerts: async (call, query) => {
        const world = await this.scenarios.world(call.tenantId);
        const status: Alert['status'] = world.fixed ? 'resolved' : 'triggered';
        return world.fixture.alerts
          .map(({ minutesAgo: ago, ...alert }): Alert => ({ ...alert, status, triggeredAt: minutesAgo(ago) }))
          .filter(
            (alert) =>
              (query.includeResolved || alert.status !== 'resolved') &&
              inWindow(alert.triggeredAt, { from: query.from, to: query.to }),
          );
      },
      listMetrics: async (call, scope) => {
        const world = await this.scenarios.world(call.tenantId);
        return world.fixture.metrics
          .filter((metric) => !scope || metric.scope === scope)
          .map(({ metric, scope: metricScope, unit }) => ({ metric, scope: metricScope, unit }));
      },
      queryMetric: async (call, query) => {
        const world = await this.scenarios.world(call.tenantId);
        return world.fixture.metrics
          .filter((metric) => metric.metric === query.metric && (!query.scope || metric.scope === query.scope))
          .map((metric) => seriesOf(metric, world.fixedAt))
          .map((series) => ({ ...series, points: series.points.filter((point) => inWindow(point.at, query)) }));
      },
      searchLogs: async (call, query) => {
        const world = await this.scenarios.world(call.tenantId);
        const text = query.text?.toLowerCase();
        const minimum = LOG_LEVELS.indexOf(query.minimumLevel ?? 'debug');
        return world.fixture.logs
          .map(({ minutesAgo: ago, ...entry }): LogEntry => ({ ...entry, at: minutesAgo(ago) }))
          .filter(
            (entry) =>
              (!text || entry.message.toLowerCase().includes(text)) &&
              (!query.service || entry.service === query.service) &&
              (!query.host || entry.host === query.host) &&
              LOG_LEVELS.indexOf(entry.level) >= minimum &&
              inWindow(entry.at, query),
          )
          .sort((a, b) => b.at.localeCompare(a.at))
          .slice(0, query.limit ?? 100);
      },
    };
  }

  private alerting(): AlertingProvider {
    const view = (world: MockWorld, incident: MockWorld['fixture']['pagerIncidents'][number]): PagerIncident => {
      const { minutesAgo: ago, ...rest } = incident;
      const acknowledged = world.state.pager[incident.id]?.acknowledgedBy;
      const status = world.fixed ? 'resolved' : acknowledged ? 'acknowledged' : incident.status;
      return { ...rest, status, assignee: acknowledged ?? incident.assignee, createdAt: minutesAgo(ago) };
    };
    const find = (world: MockWorld, id: string) => {
      const incident = world.fixture.pagerIncidents.find((candidate) => candidate.id === id);
      if (!incident) throw new IntegrationError('pagerduty', `PagerDuty has no incident ${id}.`, false, 404);
      return incident;
    };
    return {
      name: 'pagerduty',
      kind: 'alerting',
      mode: 'mock',
      health: this.health('pagerduty'),
      listIncidents: async (call, query) => {
        const world = await this.scenarios.world(call.tenantId);
        return world.fixture.pagerIncidents
          .map((incident) => view(world, incident))
          .filter(
            (incident) =>
              (!query.status || query.status.includes(incident.status)) &&
              (!query.service || incident.service === query.service),
          );
      },
      acknowledge: (call, id, by) =>
        this.scenarios.change(call.tenantId, (state, world) => {
          const incident = find(world, id);
          state.pager = { ...state.pager, [id]: { notes: state.pager[id]?.notes ?? [], acknowledgedBy: by } };
          return view({ ...world, state }, incident);
        }),
      addNote: (call, id, text) =>
        this.scenarios.change(call.tenantId, (state, world) => {
          find(world, id);
          const current = state.pager[id] ?? { notes: [] };
          state.pager = { ...state.pager, [id]: { ...current, notes: [...current.notes, text] } };
        }),
    };
  }

  private cloud(): CloudProvider {
    const act = (
      call: IntegrationCall,
      operation: CloudOperation,
      target: string,
      idempotencyKey: string,
      check: (world: MockWorld) => string,
    ): Promise<CloudActionResult> =>
      this.scenarios.change(call.tenantId, (state, world) => {
        const repeated = state.appliedActions.find((action) => action.idempotencyKey === idempotencyKey);
        if (repeated) {
          const { idempotencyKey: _key, ...result } = repeated;
          return result;
        }
        const message = check(world);
        const result: CloudActionResult = {
          operation,
          target,
          reference: `mock-${operation}-${state.appliedActions.length + 1}`,
          message,
          completedAt: new Date().toISOString(),
        };
        state.appliedActions = [...state.appliedActions, { ...result, idempotencyKey }];
        return result;
      });
    const host = (world: MockWorld, name: string) => {
      const found = world.fixture.hosts.find((candidate) => candidate.name === name || candidate.id === name);
      if (!found) throw new IntegrationError('aws', `AWS has no instance called ${name}.`, false, 404);
      return found;
    };
    return {
      name: 'aws',
      kind: 'cloud',
      mode: 'mock',
      health: this.health('aws'),
      listInstances: async (call, filter = {}) => {
        const world = await this.scenarios.world(call.tenantId);
        return world.fixture.hosts
          .filter(
            (candidate) =>
              (!filter.role || candidate.role === filter.role) && (!filter.name || candidate.name === filter.name),
          )
          .map(({ health: _health, afterFix: _afterFix, ...instance }) => instance);
      },
      hostHealth: async (call, name) => {
        const world = await this.scenarios.world(call.tenantId);
        const found = host(world, name);
        const health = world.fixed && found.afterFix ? found.afterFix : found.health;
        return { host: found.name, ...health };
      },
      listDeployments: async (call, filter = {}) => {
        const world = await this.scenarios.world(call.tenantId);
        return world.fixture.deployments
          .map(({ minutesAgo: ago, ...deployment }): Deployment => ({ ...deployment, startedAt: minutesAgo(ago) }))
          .filter(
            (deployment) =>
              (!filter.service || deployment.service === filter.service) && inWindow(deployment.startedAt, filter),
          )
          .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      },
      restartService: (call, request, key) =>
        act(call, 'restartService', `${request.host}/${request.service}`, key, (world) => {
          const found = host(world, request.host);
          const process = found.health.processes.find((candidate) => candidate.name === request.service);
          if (!process)
            throw new IntegrationError('aws', `${request.host} runs no service called ${request.service}.`, false, 404);
          return `Restarted ${request.service} on ${found.name}.`;
        }),
      scalePool: (call, request, key) =>
        act(call, 'scalePool', request.pool, key, () => {
          if (!Number.isInteger(request.size) || request.size < 1 || request.size > 1000) {
            throw new IntegrationError(
              'aws',
              `A pool size must be a whole number from 1 to 1000 (got ${request.size}).`,
              false,
              400,
            );
          }
          return `Resized the connection pool of ${request.pool} to ${request.size}.`;
        }),
      rollbackDeployment: (call, request, key) =>
        act(call, 'rollbackDeployment', request.service, key, (world) => {
          const deployment = world.fixture.deployments.find((candidate) => candidate.service === request.service);
          if (!deployment)
            throw new IntegrationError('aws', `There is no deployment of ${request.service} to roll back.`, false, 404);
          return `Rolled ${request.service} back to ${request.toVersion}.`;
        }),
      purgeCdnCache: (call, request, key) =>
        act(
          call,
          'purgeCdnCache',
          request.distribution,
          key,
          () =>
            `Purged ${request.paths.join(', ')} on ${request.distribution} and restored its last good configuration.`,
        ),
      drainQueue: (call, request, key) =>
        act(call, 'drainQueue', request.queue, key, (world) => {
          if (!world.fixture.metrics.some((metric) => metric.scope === `queue:${request.queue}`)) {
            throw new IntegrationError('aws', `There is no queue called ${request.queue}.`, false, 404);
          }
          return `Restarted ${request.consumer} and drained ${request.queue}.`;
        }),
    };
  }

  private communication(): CommunicationProvider {
    return {
      name: 'slack',
      kind: 'communication',
      mode: 'mock',
      health: this.health('slack'),
      postMessage: (call, message) =>
        this.scenarios.change(call.tenantId, (state) => {
          const posted = {
            channel: message.channel,
            id: `${Math.floor(Date.now() / 1000)}.${String(state.messages.length + 1).padStart(6, '0')}`,
            text: message.text,
            postedAt: new Date().toISOString(),
            threadId: message.threadId ?? null,
          };
          state.messages = [...state.messages, posted];
          return { channel: posted.channel, id: posted.id, text: posted.text, postedAt: posted.postedAt };
        }),
    };
  }
}
