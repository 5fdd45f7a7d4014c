import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../platform/config/app-config.js';
import { PermanentStepError, type StepContext, type StepHandler, type StepOutcome } from '../step-handler.js';
import { StepHandlerRegistry } from '../step-handler.registry.js';

/**
 * Step types for the engine's own tests and bench, registered only when NODE_ENV=test and
 * TEST_STEP_TYPES names them (`all`, or a comma-separated list). Never in production: the
 * production configuration cannot set NODE_ENV=test.
 *
 * - `test.noop`: succeeds at once.
 * - `test.effect`: records each execution, sleeps `sleepMs` (honouring the signal), then performs
 *   its side effect once per effectKey (a row in `test_step_effects`), as a real handler must.
 * - `test.fail`: fails attempts up to `failTimes` (PermanentStepError when `permanent`), then succeeds.
 * - `test.wait`: parks on a decision (`test:<effectKey>`), or with `resumeInMs` on a timer.
 */
@Injectable()
export class TestStepTypes implements OnModuleInit {
  private readonly logger = new Logger(TestStepTypes.name);

  constructor(
    private readonly config: AppConfig,
    private readonly registry: StepHandlerRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    const wanted = this.config.env.TEST_STEP_TYPES;
    if (this.config.env.NODE_ENV !== 'test' || !wanted) return;
    const names = new Set(wanted.split(',').map((name) => name.trim()));
    const handlers = this.handlers().filter((handler) => names.has('all') || names.has(handler.type));
    if (handlers.some((handler) => handler.type === 'test.effect')) {
      await this.dataSource.query(
        `CREATE TABLE IF NOT EXISTS test_step_executions (id bigserial PRIMARY KEY, effect_key text NOT NULL, executed_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
      );
      await this.dataSource.query(
        `CREATE TABLE IF NOT EXISTS test_step_effects (effect_key text PRIMARY KEY, performed_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
      );
    }
    for (const handler of handlers) this.registry.register(handler);
    this.logger.warn(`Test step types registered: ${handlers.map((handler) => handler.type).join(', ')}`);
  }

  private handlers(): StepHandler[] {
    return [
      { type: 'test.noop', execute: () => Promise.resolve({ status: 'succeeded', output: {} }) },
      { type: 'test.effect', execute: (context) => this.effect(context) },
      {
        type: 'test.fail',
        execute: (context) => {
          const failTimes = Number(context.params['failTimes'] ?? 1);
          if (context.attempt > failTimes)
            return Promise.resolve({ status: 'succeeded', output: { attempt: context.attempt } });
          const message = `Test failure on attempt ${context.attempt}.`;
          return Promise.reject(context.params['permanent'] ? new PermanentStepError(message) : new Error(message));
        },
      },
      {
        type: 'test.wait',
        execute: (context): Promise<StepOutcome> => {
          const resumeInMs = context.params['resumeInMs'];
          if (typeof resumeInMs !== 'number')
            return Promise.resolve({ status: 'waiting', decisionId: `test:${context.effectKey}` });
          if (context.resumeAt)
            return Promise.resolve({ status: 'succeeded', output: { resumedAt: new Date().toISOString() } });
          return Promise.resolve({ status: 'waiting', resumeAt: new Date(Date.now() + resumeInMs) });
        },
      },
    ];
  }

  private async effect(context: StepContext): Promise<StepOutcome> {
    await this.dataSource.query(`INSERT INTO test_step_executions (effect_key) VALUES ($1)`, [context.effectKey]);
    const sleepMs = Number(context.params['sleepMs'] ?? 0);
    if (sleepMs > 0) await sleep(sleepMs, context.signal);
    await this.dataSource.query(`INSERT INTO test_step_effects (effect_key) VALUES ($1) ON CONFLICT DO NOTHING`, [
      context.effectKey,
    ]);
    return { status: 'succeeded', output: { effectKey: context.effectKey, value: context.params['value'] ?? null } };
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason as Error)), { once: true });
  });
}
