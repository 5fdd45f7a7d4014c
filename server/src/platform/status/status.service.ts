import { Injectable } from '@nestjs/common';
import type { ModelEngine, PlatformStatusResponse } from '@trustops/contracts';
import { platformVersion } from '../app-info.js';
import { AppConfig } from '../config/app-config.js';
import { DependencyProbes } from '../health/dependency-probes.js';
import { Infrastructure } from '../infrastructure/infrastructure.js';

export const MODEL_ENGINE_LABELS: Record<ModelEngine, string> = {
  claude: 'Claude (Anthropic API)',
  offline: 'Offline engine (no AI model connected)',
};

@Injectable()
export class StatusService {
  private readonly startedAt = new Date().toISOString();
  private readonly version = platformVersion();

  constructor(
    private readonly config: AppConfig,
    private readonly infrastructure: Infrastructure,
    private readonly probes: DependencyProbes,
  ) {}

  /** Cheap: the dependency checks are answered from a cache of a few seconds. */
  async status(): Promise<PlatformStatusResponse> {
    const [database, redis] = await Promise.all([this.probes.cachedDatabase(), this.probes.cachedRedis()]);
    const engine = this.config.modelEngine;
    return {
      name: 'TrustOps',
      version: this.version,
      environment: this.config.env.NODE_ENV,
      role: this.config.env.ROLE,
      startedAt: this.startedAt,
      database: { state: database.up ? 'up' : 'down', source: this.infrastructure.database.source },
      queues: { state: redis.up ? 'up' : 'down', source: this.infrastructure.redis.source },
      modelEngine: { engine, label: MODEL_ENGINE_LABELS[engine] },
    };
  }
}
