import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { IntegrationAction, VerificationCheck } from '@trustops/contracts';
import { PermanentStepError, type StepContext, type StepHandler, type StepOutcome } from '../runs/step-handler.js';
import { StepHandlerRegistry } from '../runs/step-handler.registry.js';
import { ActionRunner } from './action-runner.js';
import { EvidenceGatherer } from './evidence-gatherer.js';
import {
  IncidentLifecycle,
  LifecycleRefusal,
  type GateOutputs,
  type LifecycleStep,
} from './incident-lifecycle.service.js';
import { IntegrationError } from './integrations/providers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Still a template (`{{ inputs.x }}`): only known when the step runs, and checked again then. */
function holdsTemplate(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes('{{');
}

function incidentIdProblem(params: Record<string, unknown>): string[] {
  const id = params['incidentId'];
  if (holdsTemplate(id)) return [];
  return typeof id === 'string' && UUID.test(id) ? [] : ['`incidentId` must be the id of an incident.'];
}

/** Refusals and integration errors that retrying cannot fix become permanent step failures. */
async function permanentWhenRefused<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LifecycleRefusal) throw new PermanentStepError(error.message);
    if (error instanceof IntegrationError && !error.retryable) throw new PermanentStepError(error.message);
    throw error;
  }
}

function lifecycleStep(context: StepContext): LifecycleStep {
  return {
    tenantId: context.tenantId,
    incidentId: String(context.params['incidentId']),
    runId: context.runId,
    stepId: context.stepId,
    signal: context.signal,
  };
}

function handler(
  type: string,
  run: (context: StepContext) => Promise<Record<string, unknown>>,
  validate = incidentIdProblem,
): StepHandler {
  return {
    type,
    validate,
    execute: async (context): Promise<StepOutcome> => ({
      status: 'succeeded',
      output: await permanentWhenRefused(() => run(context)),
    }),
  };
}

function gates(value: unknown): GateOutputs[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value as Record<string, unknown>).filter(
    (gate): gate is GateOutputs => gate !== null && typeof gate === 'object',
  );
}

function isAction(value: unknown): value is IntegrationAction {
  const action = value as Partial<IntegrationAction> | null;
  return (
    !!action &&
    typeof action.operation === 'string' &&
    typeof action.integration === 'string' &&
    typeof action.params === 'object'
  );
}

function isCheck(value: unknown): value is VerificationCheck {
  const check = value as Partial<VerificationCheck> | null;
  return (
    !!check &&
    typeof check.metric === 'string' &&
    typeof check.scope === 'string' &&
    typeof check.threshold === 'number' &&
    (check.comparison === 'below' || check.comparison === 'above')
  );
}

/**
 * The incident step types, registered with the engine: the lifecycle steps
 * (`incident.classify|gather|diagnose|recommend|execute|verify|summarise`, all taking
 * `incidentId`) and the stand-alone `incident.act` / `incident.check` used by the action runbooks
 * in runbooks/incidents/ (an integration action and a metric check given in `with`).
 */
@Injectable()
export class IncidentStepHandlers implements OnModuleInit {
  constructor(
    private readonly registry: StepHandlerRegistry,
    private readonly lifecycle: IncidentLifecycle,
    private readonly runner: ActionRunner,
    private readonly gatherer: EvidenceGatherer,
  ) {}

  onModuleInit(): void {
    for (const each of this.handlers()) this.registry.register(each);
  }

  handlers(): StepHandler[] {
    const lifecycle = this.lifecycle;
    return [
      handler('incident.classify', (context) => lifecycle.classify(lifecycleStep(context))),
      handler(
        'incident.gather',
        async (context) => {
          if (context.params['incidentId'] !== undefined) return lifecycle.gather(lifecycleStep(context));
          // Stand-alone (an action runbook): gather and return what was found, without an incident.
          const service = typeof context.params['service'] === 'string' ? context.params['service'] : null;
          const { evidence, problems } = await this.gatherer.gather(
            { tenantId: context.tenantId, signal: context.signal },
            service,
          );
          await context.log(`Gathered ${evidence.length} pieces of evidence.`);
          return {
            count: evidence.length,
            problems,
            alerts: evidence.filter((item) => item.kind === 'alert').map((item) => item.title),
          };
        },
        (params) => (params['incidentId'] === undefined ? [] : incidentIdProblem(params)),
      ),
      handler('incident.diagnose', (context) => lifecycle.diagnose(lifecycleStep(context))),
      handler('incident.recommend', (context) =>
        lifecycle.recommend(lifecycleStep(context), String(context.params['findingId'])),
      ),
      handler('incident.execute', (context) =>
        lifecycle.execute(lifecycleStep(context), String(context.params['actionId']), gates(context.params['gates'])),
      ),
      handler('incident.verify', (context) =>
        lifecycle.verify(
          { ...lifecycleStep(context), attempt: context.attempt, attempts: Number(context.params['attempts'] ?? 1) },
          String(context.params['actionId']),
        ),
      ),
      handler('incident.summarise', (context) =>
        lifecycle.summarise(
          lifecycleStep(context),
          (context.params['verification'] as { passed?: unknown } | null)?.passed === true,
        ),
      ),
      handler(
        'incident.act',
        async (context) => {
          const action = context.params['action'];
          if (!isAction(action))
            throw new LifecycleRefusal('`action` must say which integration, operation and parameters to use.');
          const result = await this.runner.run(
            { tenantId: context.tenantId, signal: context.signal },
            action,
            context.effectKey,
          );
          await context.log(result.message);
          return { ...result };
        },
        (params) =>
          holdsTemplate(params['action']) || isAction(params['action'])
            ? []
            : ['`action` needs `integration`, `operation`, `target` and `params`.'],
      ),
      handler(
        'incident.check',
        async (context) => {
          const check = context.params['check'];
          if (!isCheck(check))
            throw new LifecycleRefusal('`check` must name a metric, scope, comparison and threshold.');
          const reading = await this.runner.verify({ tenantId: context.tenantId, signal: context.signal }, check);
          await context.log(reading.message, reading.passed ? 'info' : 'warn');
          if (!reading.passed) throw new Error(`Not yet: ${reading.message}`);
          return { passed: true, value: reading.value };
        },
        (params) =>
          holdsTemplate(params['check']) || isCheck(params['check'])
            ? []
            : ['`check` needs `metric`, `scope`, `comparison` (below or above) and `threshold`.'],
      ),
    ];
  }
}
