import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { RunDetail, StartRunRequest } from '@trustops/contracts';
import type { Principal } from '../rbac/principal.js';

/** How a step parked with `{ status: 'waiting' }` ends. */
export type WaitingStepResult =
  { status: 'succeeded'; output?: Record<string, unknown> } | { status: 'failed'; error: string };

/** Runs of runbooks: start, read, and resume what waits on people. */
@Injectable()
export class RunsService {
  start(_principal: Principal, _request: StartRunRequest): Promise<RunDetail> {
    return Promise.reject(new ServiceUnavailableException('The runbook engine is being built.'));
  }

  get(_principal: Principal, _runId: string): Promise<RunDetail> {
    return Promise.reject(new ServiceUnavailableException('The runbook engine is being built.'));
  }

  completeWaitingStep(_tenantId: string, _runId: string, _stepId: string, _result: WaitingStepResult): Promise<void> {
    return Promise.reject(new ServiceUnavailableException('The runbook engine is being built.'));
  }
}
