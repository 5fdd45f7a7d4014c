import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config.js';
import { redisConnectionOptions } from '../infrastructure/connection-urls.js';
import { Infrastructure } from '../infrastructure/infrastructure.js';
import { QUEUE_NAMES } from './queue-names.js';
import { QueueRegistry } from './queue-registry.js';
import { WorkerDrain } from './worker-drain.js';

/**
 * BullMQ on the Redis chosen at start-up: one connection configuration and one key prefix
 * (QUEUE_PREFIX) for every queue, each queue registered once here and injectable everywhere.
 * Processors (workers) live in modules that only ROLE=all|worker loads.
 */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [Infrastructure, AppConfig],
      useFactory: (infrastructure: Infrastructure, config: AppConfig) => ({
        connection: redisConnectionOptions(infrastructure.redis.url),
        prefix: config.env.QUEUE_PREFIX,
        defaultJobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 1000 } },
      }),
    }),
    BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
  ],
  providers: [QueueRegistry, WorkerDrain],
  exports: [BullModule, QueueRegistry],
})
export class QueuesModule {}
