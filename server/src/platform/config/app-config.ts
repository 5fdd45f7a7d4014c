import { Injectable } from '@nestjs/common';
import type { ModelEngine } from '@trustops/contracts';
import { EnvironmentVariables } from './environment-variables.js';

/**
 * The validated configuration, injected wherever a setting is needed. Nothing else in the
 * server reads `process.env`.
 */
@Injectable()
export class AppConfig {
  constructor(readonly env: EnvironmentVariables) {}

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  get publicUrl(): string {
    return (
      this.env.PUBLIC_URL ?? `http://${this.env.HOST === '0.0.0.0' ? 'localhost' : this.env.HOST}:${this.env.PORT}`
    );
  }

  get modelEngine(): ModelEngine {
    return this.env.ANTHROPIC_API_KEY ? 'claude' : 'offline';
  }
}
