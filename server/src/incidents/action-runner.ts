import { Injectable } from '@nestjs/common';
import type { CloudActionResult, IntegrationAction, VerificationCheck } from '@trustops/contracts';
import { IntegrationRegistry } from './integrations/integration-registry.js';
import { IntegrationError, type CloudActionRequests, type IntegrationCall } from './integrations/providers.js';

export interface VerificationReading {
  passed: boolean;
  value: number | null;
  message: string;
}

const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value.trim() === '')
    throw new IntegrationError('aws', `The action needs a ${name}.`, false);
  return value;
};

/**
 * Carries out an integration action (a cloud change, or a read-only check) and reads a
 * verification metric. Changes carry an idempotency key, so a redelivered step does not
 * restart a service twice.
 */
@Injectable()
export class ActionRunner {
  constructor(private readonly registry: IntegrationRegistry) {}

  async run(call: IntegrationCall, action: IntegrationAction, idempotencyKey: string): Promise<CloudActionResult> {
    const { aws: cloud } = await this.registry.providers(call);
    const params = action.params;
    switch (action.operation) {
      case 'restartService': {
        const request: CloudActionRequests['restartService'] = {
          host: text(params['host'], 'host'),
          service: text(params['service'], 'service'),
        };
        return cloud.restartService(call, request, idempotencyKey);
      }
      case 'scalePool':
        return cloud.scalePool(
          call,
          { pool: text(params['pool'], 'pool'), size: Number(params['size']) },
          idempotencyKey,
        );
      case 'rollbackDeployment':
        return cloud.rollbackDeployment(
          call,
          {
            service: text(params['service'], 'service'),
            toVersion: text(params['toVersion'], 'version to roll back to'),
          },
          idempotencyKey,
        );
      case 'purgeCdnCache': {
        const paths = Array.isArray(params['paths']) ? params['paths'].map(String) : ['/*'];
        return cloud.purgeCdnCache(
          call,
          { distribution: text(params['distribution'], 'CDN distribution'), paths },
          idempotencyKey,
        );
      }
      case 'drainQueue':
        return cloud.drainQueue(
          call,
          { queue: text(params['queue'], 'queue'), consumer: text(params['consumer'], 'consumer') },
          idempotencyKey,
        );
      case 'hostHealth': {
        const health = await cloud.hostHealth(call, text(params['host'], 'host'));
        return {
          operation: 'hostHealth',
          target: action.target,
          reference: 'read-only',
          message: `${health.host} is ${health.status}: ${health.checks.map((check) => `${check.name} ${check.passing ? 'passing' : 'failing'}`).join(', ')}.`,
          completedAt: new Date().toISOString(),
        };
      }
      default:
        throw new IntegrationError(
          action.integration,
          `TrustOps does not know how to carry out "${action.operation}".`,
          false,
        );
    }
  }

  /** Reads the check's metric now and compares its latest value with the threshold. */
  async verify(call: IntegrationCall, check: VerificationCheck): Promise<VerificationReading> {
    const { datadog } = await this.registry.providers(call);
    const series = await datadog.queryMetric(call, {
      metric: check.metric,
      scope: check.scope,
      from: new Date(Date.now() - 15 * 60_000).toISOString(),
    });
    const value = series[0]?.points.at(-1)?.value ?? null;
    if (value === null)
      return { passed: false, value, message: `No recent value of ${check.metric} on ${check.scope} yet.` };
    const passed = check.comparison === 'below' ? value < check.threshold : value > check.threshold;
    return {
      passed,
      value,
      message: `${check.metric} on ${check.scope} is ${value} (needs to be ${check.comparison} ${check.threshold}).`,
    };
  }
}
