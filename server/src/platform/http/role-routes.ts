import { NotFoundException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { EnvironmentVariables } from '../config/environment-variables.js';

export type ProcessRole = EnvironmentVariables['ROLE'];

export const runsApi = (role: ProcessRole): boolean => role === 'all' || role === 'api';
export const runsWorkers = (role: ProcessRole): boolean => role === 'all' || role === 'worker';
export const runsScheduler = (role: ProcessRole): boolean => role === 'all' || role === 'scheduler';

/**
 * A worker or scheduler process answers HTTP for probes and scrapes only, whatever controllers
 * the modules it shares with the API happen to declare.
 */
export function probesOnlyMiddleware(role: ProcessRole) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (request.path === '/metrics' || request.path.startsWith('/health/')) return next();
    next(new NotFoundException(`This TrustOps process runs as ROLE=${role} and serves only /health and /metrics.`));
  };
}
