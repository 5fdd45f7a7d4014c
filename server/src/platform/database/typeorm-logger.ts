import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** TypeORM's messages through the application's logger (JSON lines, with the request id). */
export class TypeOrmNestLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('TypeORM');

  logQuery(query: string): void {
    // Parameters may hold personal data: they are never logged.
    this.logger.debug({ query }, 'query');
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.error({ err: error instanceof Error ? error : new Error(error), query }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ query, durationMs: time }, `slow query (${time} ms)`);
  }

  logSchemaBuild(message: string): void {
    // TypeORM reports each applied migration here; those are worth a line at start-up.
    if (/^Migration .* (executed|reverted) successfully/.test(message)) this.logger.log(message);
    else this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
