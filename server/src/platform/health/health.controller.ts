import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { DependencyProbes } from './dependency-probes.js';
import { Public } from '../../rbac/access.decorators.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly probes: DependencyProbes,
  ) {}

  /** The process is up and serving HTTP (restart it if not). */
  @Get('live')
  @HealthCheck()
  @ApiOkResponse({ description: 'The process is up.' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** PostgreSQL and Redis both answer (send it work if so). */
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: 'PostgreSQL and Redis both answer.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency does not answer; the message names it.' })
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.indicators.check('database').attempt(() => this.probes.pingDatabase()),
        () => this.indicators.check('redis').attempt(() => this.probes.pingRedis()),
      ]);
    } catch (error) {
      throw notReady(error);
    }
  }
}

/** Terminus' 503 carries a map of checks; give it the platform's error shape, naming what is down. */
function notReady(error: unknown): unknown {
  if (!(error instanceof ServiceUnavailableException)) return error;
  const result = error.getResponse() as Partial<HealthCheckResult>;
  const details = Object.entries(result.details ?? {}).map(([name, check]) => {
    const { status, ...rest } = check as { status: string; message?: unknown };
    return status === 'up'
      ? `${name}: up`
      : `${name}: ${status}${typeof rest.message === 'string' ? ` (${rest.message})` : ''}`;
  });
  const down = Object.keys(result.error ?? {});
  return new ServiceUnavailableException({
    message: `Not ready: ${down.length > 0 ? down.join(' and ') : 'a dependency'} ${down.length > 1 ? 'do' : 'does'} not answer.`,
    details,
  });
}
