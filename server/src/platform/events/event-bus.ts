import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';
import { redisConnectionOptions } from '../infrastructure/connection-urls.js';
import { Infrastructure } from '../infrastructure/infrastructure.js';
import type { PublishedEvent } from './published-event.js';

/**
 * Redis pub/sub for committed events. One channel per deployment, named with QUEUE_PREFIX so
 * deployments (and tests) sharing a Redis never see each other's events. Every API instance
 * subscribes (EventsSubscriber) and forwards to its own sockets only.
 */
@Injectable()
export class EventBus implements OnApplicationShutdown {
  private readonly logger = new Logger(EventBus.name);
  private publisher: Redis | undefined;

  constructor(
    private readonly infrastructure: Infrastructure,
    private readonly config: AppConfig,
  ) {}

  get channel(): string {
    return `${this.config.env.QUEUE_PREFIX}:events`;
  }

  /** A new connection with the app's Redis settings, for subscribers (a subscribing connection can do nothing else). */
  connect(name: string): Redis {
    return new Redis({
      ...redisConnectionOptions(this.infrastructure.redis.url),
      connectionName: `${this.config.env.QUEUE_PREFIX}:${name}`,
    });
  }

  /** The shared publishing connection, opened on first use (workers that never emit never open it). */
  publishingConnection(): Redis {
    this.publisher ??= this.connect('events-publisher');
    return this.publisher;
  }

  /**
   * Publishes the events of one commit as one message (an array, in the order given): one
   * command for Redis and one message for each subscriber, however many events a commit made.
   */
  async publish(events: readonly PublishedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.publishingConnection().publish(this.channel, JSON.stringify(events));
  }

  async onApplicationShutdown(): Promise<void> {
    const publisher = this.publisher;
    this.publisher = undefined;
    if (!publisher) return;
    try {
      await publisher.quit();
    } catch (error) {
      this.logger.warn(`Closing the events publisher failed: ${(error as Error).message}`);
      publisher.disconnect();
    }
  }
}
