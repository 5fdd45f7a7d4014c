import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { EventsSubscriber } from './events-subscriber.js';
import { EventsGateway } from './events.gateway.js';
import { LiveMetrics } from './live-metrics.js';
import { LocalSubscriptions } from './local-subscriptions.js';

/**
 * The WebSocket side of the event log, for API roles (ROLE=all|api): the `/events` gateway and
 * this instance's Redis subscription that feeds it. EventsModule (every role) provides the rest.
 */
@Module({
  imports: [AuthModule, MetricsModule],
  providers: [EventsGateway, EventsSubscriber, LocalSubscriptions, LiveMetrics],
})
export class EventsGatewayModule {}
