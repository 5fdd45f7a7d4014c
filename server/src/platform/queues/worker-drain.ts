import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { DiscoveryService } from '@nestjs/core';

/**
 * Graceful shutdown for queue workers: before anything closes (the database included), stop
 * taking jobs and wait for the ones in progress to finish. Nest then closes the HTTP server,
 * the queues and the connections. main.ts bounds the whole shutdown by SHUTDOWN_TIMEOUT_MS.
 */
@Injectable()
export class WorkerDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerDrain.name);

  constructor(private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(): Promise<void> {
    const hosts = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
    const workers = hosts.flatMap((host) => {
      try {
        return [host.worker];
      } catch {
        return []; // Its worker was never created.
      }
    });
    if (workers.length === 0) return;
    this.logger.log(`Draining ${workers.length} queue worker(s): waiting for jobs in progress`);
    await Promise.all(workers.map((worker) => worker.close()));
    this.logger.log('Queue workers drained');
  }
}
