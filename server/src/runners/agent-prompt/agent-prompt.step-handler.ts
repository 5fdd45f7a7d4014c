import { HttpException, Injectable } from '@nestjs/common';
import type { AgentPromptOutput, AgentPromptParams, AgentRunnerName } from '@trustops/contracts';
import { AppConfig } from '../../platform/config/app-config.js';
import { PermanentStepError, type StepContext, type StepHandler, type StepOutcome } from '../../runs/step-handler.js';
import { RunnerError, type RunnerEvent } from '../runner.js';
import { RunnerRegistry } from '../runner-registry.js';
import { AgentSessionsService } from '../sessions/agent-sessions.service.js';
import { WorkspaceDirectory } from '../workspace-directory.js';
import { AgentInvocations } from './agent-invocations.service.js';
import type { AgentInvocation } from './agent-invocation.entity.js';

const RUNNER_NAMES: readonly AgentRunnerName[] = ['claude', 'offline'];
const MAX_PROMPT_CHARS = 100_000;
const MAX_TURNS_LIMIT = 200;

/**
 * The `agent.prompt` step type: asks a runner about a workspace and commits its answer.
 *
 * ```yaml
 * - id: ask
 *   type: agent.prompt
 *   with: { workspace: '{{ inputs.workspace }}', prompt: '{{ inputs.prompt }}', runner: claude, maxTurns: 10, maxTokens: 200000 }
 * ```
 *
 * The transcript goes to the run's stream as `agent.*` events. Each attempt is recorded under
 * its effect key: a redelivered attempt that had finished returns the same output without asking
 * again, and one that was interrupted resumes from the runner's checkpoint.
 */
@Injectable()
export class AgentPromptStepHandler implements StepHandler {
  readonly type = 'agent.prompt';

  constructor(
    private readonly config: AppConfig,
    private readonly runners: RunnerRegistry,
    private readonly workspaces: WorkspaceDirectory,
    private readonly sessions: AgentSessionsService,
    private readonly invocations: AgentInvocations,
  ) {}

  validate(params: Record<string, unknown>): string[] {
    return paramProblems(params, { checkTemplates: false });
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const problems = paramProblems(context.params, { checkTemplates: true });
    if (problems.length > 0) throw new PermanentStepError(problems.join(' '));
    const params = normalised(context.params);
    const runnerName = params.runner ?? this.runners.defaultRunner;

    const invocation = await this.invocations.begin(context, {
      workspaceId: params.workspace,
      sessionId: params.session ?? null,
      runner: runnerName,
      prompt: params.prompt,
    });
    if (invocation.state === 'completed') return { status: 'succeeded', output: outputOf(invocation) };
    if (invocation.state === 'failed') throw new PermanentStepError(invocation.error ?? 'The agent failed.');

    try {
      const runner = this.runners.get(runnerName);
      const workspace = await this.workspaces.open(context.tenantId, params.workspace);
      let history: Array<{ role: 'user' | 'assistant'; text: string }> = [];
      if (params.session) {
        await this.sessions.forStep(context.tenantId, params.session, params.workspace);
        history = await this.sessions.history(context.tenantId, params.session, context.effectKey);
        await this.sessions.appendOnce(context.tenantId, params.session, {
          role: 'user',
          text: params.prompt,
          runId: context.runId,
          effectKey: context.effectKey,
        });
      }
      const result = await runner.run({
        workspace,
        prompt: params.prompt,
        history,
        budgets: {
          maxTurns: params.maxTurns ?? this.config.env.AGENT_MAX_TURNS,
          maxTokens: params.maxTokens ?? this.config.env.AGENT_MAX_TOKENS,
        },
        signal: context.signal,
        emit: (event) => context.emit(event.type, payloadOf(event)),
        checkpoint: this.invocations.checkpointStore(invocation),
      });
      if (result.stopReason !== 'completed') {
        await this.invocations.finish(invocation, result, result.text);
        throw new PermanentStepError(result.text);
      }
      if (params.session) {
        await this.sessions.appendOnce(context.tenantId, params.session, {
          role: 'assistant',
          text: result.text,
          runId: context.runId,
          effectKey: context.effectKey,
        });
      }
      const finished = await this.invocations.finish(invocation, result, null);
      return { status: 'succeeded', output: outputOf(finished) };
    } catch (error) {
      throw await this.failure(invocation, error, context.signal);
    }
  }

  /** Records why the attempt failed and says whether the engine may retry it. */
  private async failure(invocation: AgentInvocation, error: unknown, signal: AbortSignal): Promise<Error> {
    if (error instanceof PermanentStepError) return error;
    // Cancelled or timed out: the engine knows why and says so; the history shows it stopped.
    if (signal.aborted) {
      await this.invocations.fail(invocation, 'The agent was stopped: the step timed out or the run was cancelled.');
      return error instanceof Error ? error : new Error(String(error));
    }
    if (error instanceof RunnerError) {
      await this.invocations.fail(invocation, error.message);
      return error.retryable ? new Error(error.message) : new PermanentStepError(error.message);
    }
    if (error instanceof HttpException) {
      await this.invocations.fail(invocation, error.message);
      return new PermanentStepError(error.message);
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Optional values left empty by a template (`{{ inputs.runner }}` with no answer) count as absent. */
function normalised(params: Record<string, unknown>): AgentPromptParams {
  const present = (value: unknown): boolean => value !== undefined && value !== null && value !== '';
  return {
    workspace: String(params['workspace']),
    prompt: String(params['prompt']),
    ...(present(params['runner']) ? { runner: params['runner'] as AgentRunnerName } : {}),
    ...(present(params['maxTurns']) ? { maxTurns: params['maxTurns'] as number } : {}),
    ...(present(params['maxTokens']) ? { maxTokens: params['maxTokens'] as number } : {}),
    ...(present(params['session']) ? { session: params['session'] as string } : {}),
  };
}

function payloadOf(event: RunnerEvent): Record<string, unknown> {
  const { type: _type, ...payload } = event;
  return payload;
}

function outputOf(invocation: AgentInvocation): AgentPromptOutput {
  return {
    runner: invocation.runner,
    text: invocation.answer ?? '',
    stopReason: (invocation.stopReason ?? 'completed') as AgentPromptOutput['stopReason'],
    turns: invocation.turns,
    usage: invocation.usage ?? {
      model: '',
      inputTokens: 0,
      outputTokens: 0,
      cacheCreationInputTokens: 0,
      cacheReadInputTokens: 0,
      costUsd: null,
    },
    sessionId: invocation.sessionId,
  };
}

/**
 * Problems with `with:`, as sentences. Before a run starts the values may still be templates
 * (`{{ inputs.workspace }}`), so only their presence is checked then.
 */
export function paramProblems(params: Record<string, unknown>, options: { checkTemplates: boolean }): string[] {
  const problems: string[] = [];
  const isTemplate = (value: unknown): boolean =>
    !options.checkTemplates && typeof value === 'string' && value.includes('{{');
  const { workspace, prompt, runner, maxTurns, maxTokens, session } = params;
  if (typeof workspace !== 'string' || workspace.trim() === '')
    problems.push('agent.prompt needs `workspace`: the id of the workspace to work on.');
  if (typeof prompt !== 'string' || prompt.trim() === '')
    problems.push('agent.prompt needs `prompt`: what to ask the agent.');
  else if (prompt.length > MAX_PROMPT_CHARS)
    problems.push(`The prompt is ${prompt.length} characters long; at most ${MAX_PROMPT_CHARS} are allowed.`);
  if (
    runner !== undefined &&
    runner !== null &&
    runner !== '' &&
    !isTemplate(runner) &&
    !RUNNER_NAMES.includes(runner as AgentRunnerName)
  ) {
    problems.push(`runner must be ${RUNNER_NAMES.join(' or ')}.`);
  }
  if (
    maxTurns !== undefined &&
    maxTurns !== null &&
    maxTurns !== '' &&
    !isTemplate(maxTurns) &&
    !(Number.isInteger(maxTurns) && (maxTurns as number) >= 1 && (maxTurns as number) <= MAX_TURNS_LIMIT)
  ) {
    problems.push(`maxTurns must be a whole number from 1 to ${MAX_TURNS_LIMIT}.`);
  }
  if (
    maxTokens !== undefined &&
    maxTokens !== null &&
    maxTokens !== '' &&
    !isTemplate(maxTokens) &&
    !(Number.isInteger(maxTokens) && (maxTokens as number) >= 1_000)
  ) {
    problems.push('maxTokens must be a whole number of at least 1000.');
  }
  if (session !== undefined && session !== null && session !== '' && typeof session !== 'string')
    problems.push('session must be the id of an agent session.');
  return problems;
}
