import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { EventBus } from './event-bus.js';
import { LocalSubscriptions } from './local-subscriptions.js';
import type { PublishedEvent } from './published-event.js';

/**
 * This API instance's ear on the events channel: every published event is handed to the local
 * subscriptions of its stream. A message missed while the connection was down is not lost:
 * after reconnecting, every subscription reads what it has not sent from the table.
 */
@Injectable()
export class EventsSubscriber implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventsSubscriber.name);
  private connection: Redis | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly subscriptions: LocalSubscriptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = this.bus.connect('events-subscriber');
    this.connection = connection;
    connection.on('message', (channel: string, message: string) => {
      if (channel === this.bus.channel) this.receive(message);
    });
    connection.on('error', (error: Error) => this.logger.warn(`Events subscription: ${error.message}`));
    await connection.subscribe(this.bus.channel);
    // ioredis reconnects and subscribes again by itself; what was published meanwhile is read
    // from the table, so a quiet stream does not wait for its next event to catch up.
    connection.on('ready', () => {
      for (const subscription of this.subscriptions.all()) subscription.resync();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    try {
      await connection.quit();
    } catch {
      connection.disconnect();
    }
  }

  /** A message is the events of one commit, in order (EventBus.publish). */
  private receive(message: string): void {
    // Nobody here is listening (a worker, or a quiet hour): not worth parsing. A later
    // subscription reads what it needs from the table.
    if (this.subscriptions.isEmpty) return;
    let published: PublishedEvent[];
    try {
      published = JSON.parse(message) as PublishedEvent[];
    } catch {
      this.logger.warn('Ignored an unreadable message on the events channel');
      return;
    }
    if (!Array.isArray(published)) {
      this.logger.warn('Ignored a message on the events channel that is not a list of events');
      return;
    }
    for (const event of published) this.subscriptions.dispatch(event);
  }
}
