import type { LoggerService } from '@nestjs/common';
import type { RootLogger } from './logger.js';

/**
 * Nest's own messages while the application is being created (before nestjs-pino's Logger can be
 * injected), and when creation fails: JSON lines through the root logger, never coloured text.
 */
export class BootstrapLogger implements LoggerService {
  constructor(private readonly logger: RootLogger) {}

  log(message: unknown, ...parameters: unknown[]): void {
    this.write('info', message, parameters);
  }

  error(message: unknown, ...parameters: unknown[]): void {
    this.write('error', message, parameters);
  }

  warn(message: unknown, ...parameters: unknown[]): void {
    this.write('warn', message, parameters);
  }

  debug(message: unknown, ...parameters: unknown[]): void {
    this.write('debug', message, parameters);
  }

  verbose(message: unknown, ...parameters: unknown[]): void {
    this.write('trace', message, parameters);
  }

  fatal(message: unknown, ...parameters: unknown[]): void {
    this.write('fatal', message, parameters);
  }

  /** Nest passes the context last, and for errors sometimes a stack before it. */
  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    parameters: unknown[],
  ): void {
    const context = typeof parameters.at(-1) === 'string' ? (parameters.at(-1) as string) : undefined;
    const stack = parameters.length > 1 && typeof parameters[0] === 'string' ? parameters[0] : undefined;
    if (message instanceof Error) this.logger[level]({ context, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ context, ...message });
    else this.logger[level]({ context, ...(stack ? { stack } : {}) }, String(message));
  }
}
