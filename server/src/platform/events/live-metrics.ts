import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';
import { EventsGateway } from './events.gateway.js';
import { LocalSubscriptions } from './local-subscriptions.js';

/** This instance's live connections and subscriptions, read at each scrape of `/metrics`. */
@Injectable()
export class LiveMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly gateway: EventsGateway,
    private readonly subscriptions: LocalSubscriptions,
  ) {}

  onModuleInit(): void {
    const { gateway, subscriptions } = this;
    new Gauge({
      name: 'trustops_live_connections',
      help: 'WebSocket connections to /events on this instance.',
      registers: [this.metrics.registry],
      collect() {
        this.set(gateway.connectionCount());
      },
    });
    new Gauge({
      name: 'trustops_live_subscriptions',
      help: 'Streams followed by the WebSocket connections of this instance.',
      registers: [this.metrics.registry],
      collect() {
        this.set(subscriptions.all().length);
      },
    });
  }
}
