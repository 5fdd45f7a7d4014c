import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DatadogProvider } from './datadog-provider.js';
import { FAST_OPTIONS } from './testing/fake-api.js';
import { FakeDatadog } from './testing/fake-datadog.js';
import { CALL, itHandlesFailuresLikeAnyLiveProvider } from './testing/resilience-cases.js';

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

describe(DatadogProvider.name, () => {
  const fake = new FakeDatadog();
  const provider = (apiKey = fake.apiKey) =>
    new DatadogProvider({ url: fake.url, apiKey, appKey: fake.appKey, pageSize: 2 }, FAST_OPTIONS);

  before(async () => {
    await fake.start();
    const monitor = (
      id: number,
      name: string,
      state: 'Alert' | 'Warn' | 'OK',
      priority: number | null,
      minutes: number,
    ) =>
      fake.monitors.push({
        id,
        name,
        message: `${name} @pagerduty`,
        query: 'avg(last_5m):avg:system.cpu.user{host:prod-web-03} > 90',
        tags: ['service:web', 'env:prod'],
        priority,
        overall_state: state,
        overall_state_modified: minutesAgo(minutes),
      });
    monitor(1, 'CPU high on prod-web-03', 'Alert', 1, 10);
    monitor(2, 'Memory climbing', 'Warn', null, 20);
    monitor(3, 'Latency p99', 'Alert', null, 5);
    monitor(4, 'Disk recovered', 'OK', 3, 30);
    monitor(5, 'Old recovery', 'OK', 3, 600);
    fake.series.set(
      'system.cpu.user',
      new Map([
        ['host:prod-web-03', [40, 70, 95]],
        ['host:prod-web-01', [20, 21, 22]],
      ]),
    );
    fake.units.set('system.cpu.user', 'percent');
    for (let index = 0; index < 5; index++) {
      fake.logs.push({
        timestamp: minutesAgo(index),
        status: index % 2 ? 'error' : 'info',
        service: 'web',
        host: 'prod-web-03',
        message: `OutOfMemory warning ${index}`,
      });
    }
  });
  after(() => fake.close());

  it('lists alerting monitors across pages, with severity, host and metric', async () => {
    const alerts = await provider().listAlerts(CALL, {});
    assert.deepEqual(
      alerts.map((alert) => alert.id),
      ['1', '2', '3'],
    );
    assert.deepEqual(alerts[0], {
      id: '1',
      source: 'datadog',
      title: 'CPU high on prod-web-03',
      severity: 'critical',
      status: 'triggered',
      service: 'web',
      host: 'prod-web-03',
      metric: 'system.cpu.user',
      triggeredAt: alerts[0].triggeredAt,
      message: 'CPU high on prod-web-03 @pagerduty',
    });
    assert.equal(alerts[1].severity, 'warning');
    const withResolved = await provider().listAlerts(CALL, { includeResolved: true });
    assert.deepEqual(
      withResolved.map((alert) => `${alert.id}:${alert.status}`),
      ['1:triggered', '2:triggered', '3:triggered', '4:resolved'],
    );
    const pages = fake.requests
      .filter((request) => request.url.pathname === '/api/v1/monitor')
      .map((request) => request.url.searchParams.get('page'));
    assert.ok(pages.includes('1') && pages.includes('2'));
  });

  it('queries a metric for one scope, or for every host', async () => {
    const [series] = await provider().queryMetric(CALL, { metric: 'system.cpu.user', scope: 'host:prod-web-03' });
    assert.equal(series.scope, 'host:prod-web-03');
    assert.equal(series.unit, 'percent');
    assert.deepEqual(
      series.points.map((point) => point.value),
      [40, 70, 95],
    );
    const all = await provider().queryMetric(CALL, { metric: 'system.cpu.user' });
    assert.deepEqual(all.map((item) => item.scope).sort(), ['host:prod-web-01', 'host:prod-web-03']);
  });

  it('lists the metrics of a scope by tag (cursor pages), or every active metric', async () => {
    fake.series.set('system.mem.used', new Map([['host:prod-web-03', [1, 2, 3]]]));
    fake.series.set('jvm.heap_memory', new Map([['host:prod-web-03', [4, 5, 6]]]));
    fake.series.set('checkout.errors', new Map([['service:checkout', [0, 9, 12]]]));
    const metrics = await provider().listMetrics(CALL, 'host:prod-web-03');
    assert.deepEqual(
      metrics.map((metric) => metric.metric),
      ['system.cpu.user', 'system.mem.used', 'jvm.heap_memory'],
    );
    assert.deepEqual(metrics[0], { metric: 'system.cpu.user', scope: 'host:prod-web-03', unit: 'percent' });
    const cursors = fake.requests
      .filter((request) => request.url.pathname === '/api/v2/metrics')
      .map((request) => request.url.searchParams.get('page[cursor]'));
    assert.deepEqual(cursors, [null, '2']);
    const checkout = await provider().listMetrics(CALL, 'service:checkout');
    assert.deepEqual(
      checkout.map((metric) => metric.metric),
      ['checkout.errors'],
    );
    assert.equal((await provider().listMetrics(CALL)).length, 4);
  });

  it('searches logs following the cursor, filtered by service, level and text', async () => {
    const errors = await provider().searchLogs(CALL, { service: 'web', minimumLevel: 'error', text: 'outofmemory' });
    assert.deepEqual(
      errors.map((entry) => entry.message),
      ['OutOfMemory warning 1', 'OutOfMemory warning 3'],
    );
    const all = await provider().searchLogs(CALL, { host: 'prod-web-03', limit: 5 });
    assert.equal(all.length, 5);
    const cursors = fake.requests
      .filter((request) => request.url.pathname === '/api/v2/logs/events/search')
      .map((request) => (request.json as { page: { cursor?: string } }).page.cursor);
    assert.ok(cursors.includes('2') && cursors.includes('4'), `cursors followed: ${cursors.join(',')}`);
  });

  itHandlesFailuresLikeAnyLiveProvider({
    fake: () => fake,
    provider: () => provider(),
    withWrongSecret: () => provider('revoked-dd-key'),
    wrongSecret: 'revoked-dd-key',
    read: (subject) => subject.listAlerts(CALL, {}),
    authMessage: /Datadog refused the API key or application key \(403\)\. Check DATADOG_API_KEY and DATADOG_APP_KEY/,
  });
});
