import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { AppConfig } from '../config/app-config.js';
import { QueueRegistry } from '../queues/queue-registry.js';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** Set by a handler that is not a Nest route (the client's files) to label its requests. */
export const ROUTE_LABEL = Symbol('metrics route label');

interface ExpressRoute {
  path?: unknown;
  /** The methods the route was registered for (`app.all` registers every one). */
  methods?: Record<string, boolean | undefined>;
}

type LabelledRequest = IncomingMessage & { route?: ExpressRoute; baseUrl?: string; [ROUTE_LABEL]?: string };

/**
 * The process's Prometheus registry (its own rather than prom-client's global one, so that
 * several apps in one test process do not collide): request latency, queue depth and the
 * default process metrics, each labelled with the process role.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly logger = new Logger(MetricsService.name);
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(config: AppConfig, queues: QueueRegistry) {
    this.registry.setDefaultLabels({ role: config.env.ROLE });
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route template and status code.',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    const logger = this.logger;
    new Gauge({
      name: 'trustops_queue_jobs',
      help: 'Jobs in each queue, by state (read from Redis at each scrape).',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(
          queues.all().map(async (queue) => {
            try {
              const counts = await queue.getJobCounts(...QUEUE_STATES);
              for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
            } catch (error) {
              logger.warn({ err: error, queue: queue.name }, 'Could not count the jobs of a queue');
            }
          }),
        );
      },
    });
  }

  /** Express middleware, installed first: times every request, routed or not. */
  readonly middleware = (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const stop = this.httpDuration.startTimer();
    response.once('finish', () => {
      stop({ method: request.method ?? 'UNKNOWN', route: routeLabel(request), status_code: response.statusCode });
    });
    next();
  };

  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/** The route template (`/api/runs/:id`), never the raw path, so the label set stays small. */
function routeLabel(request: LabelledRequest): string {
  const route = request.route;
  // Express leaves `request.route` at the last route that matched, answered or not. Nest mounts
  // each middleware (`forRoutes('api/{*path}')`, every method) as such a route with `app.all`, so
  // a path no controller answers still carries the middleware's mount path: it must not become a
  // label, or every unknown path would hide behind it. A controller maps one method per route.
  if (typeof route?.path === 'string' && !isMountedForEveryMethod(route)) {
    return `${request.baseUrl ?? ''}${route.path}` || '/';
  }
  return request[ROUTE_LABEL] ?? 'unmatched';
}

function isMountedForEveryMethod(route: ExpressRoute): boolean {
  return Object.values(route.methods ?? {}).filter(Boolean).length > 1;
}
