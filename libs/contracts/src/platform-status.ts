export type ComponentState = 'up' | 'down';

/** Which language-model engine answers agent and diagnosis work. */
export type ModelEngine = 'claude' | 'offline';

/** Where a dependency came from: configured by the operator, or the embedded default. */
export type DependencySource = 'configured' | 'embedded';

export type ProcessRole = 'all' | 'api' | 'worker' | 'scheduler';

/** `GET /api/status`: what the home page shows about the platform. */
export interface PlatformStatusResponse {
  name: 'TrustOps';
  version: string;
  environment: string;
  role: ProcessRole;
  startedAt: string;
  database: { state: ComponentState; source: DependencySource };
  queues: { state: ComponentState; source: DependencySource };
  modelEngine: { engine: ModelEngine; label: string };
}
