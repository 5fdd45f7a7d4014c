import type { DecisionKind } from '@trustops/contracts';
import { parseDuration } from '@trustops/runbook';
import { PermanentStepError, type StepContext, type StepHandler, type StepOutcome } from '../runs/step-handler.js';
import { parseFormFields } from './decision-form.js';
import { DecisionRequests } from './decision-requests.service.js';
import { stepResultOf } from './decision-rules.js';
import { counted } from './decision-view.js';

const MAX_TITLE_LENGTH = 500;
// Every change to a decision carries it in an event; events are capped (MAX_EVENT_PAYLOAD_BYTES).
const MAX_CONTEXT_LENGTH = 50_000;

/**
 * The `approval` and `input` step types. `with` may hold `title` or `question` (the question;
 * defaults to the step's title), `context` (Markdown for the decider) and `fields` (the form; an input step needs
 * at least one). The step's `approval` block gives the policy, roles, SLA and timeout policy.
 *
 * The step parks as `waiting` on its decision; the decision resumes it through
 * `RunsService.completeWaitingStep`. A decision already settled when the step runs (policy
 * `auto`, early votes, or a redelivery after it was decided) ends the step at once.
 */
export class DecisionStepHandler implements StepHandler {
  constructor(
    readonly type: DecisionKind,
    private readonly requests: DecisionRequests,
  ) {}

  validate(params: Record<string, unknown>): string[] {
    const problems: string[] = [];
    for (const key of ['title', 'question', 'context'] as const) {
      if (params[key] !== undefined && typeof params[key] !== 'string') problems.push(`with.${key} must be text.`);
    }
    const question = questionOf(params);
    if (question !== null && question.length > MAX_TITLE_LENGTH)
      problems.push(`with.title must be at most ${MAX_TITLE_LENGTH} characters.`);
    const fields = parseFormFields(params['fields']);
    if (!fields.ok) problems.push(...fields.problems.map((problem) => `with.${problem}`));
    else if (this.type === 'input' && fields.fields.length === 0)
      problems.push('An input step needs with.fields: the form the person fills in.');
    return problems;
  }

  /** The run was cancelled while the step waited: its decision leaves the inbox (cancelled, audited). */
  async cancel(step: { tenantId: string; runId: string; stepId: string; reason: string }): Promise<void> {
    await this.requests.cancelPending(step.tenantId, step.runId, step.reason, step.stepId);
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const problems = this.validate(context.params);
    if (problems.length)
      throw new PermanentStepError(`This ${this.type} step is not set up correctly: ${problems.join(' ')}`);
    const fields = parseFormFields(context.params['fields']);
    const approval = context.approval ?? { policy: 'require_one', roles: [], onTimeout: 'fail' };
    let dueAt: Date | null = null;
    if (approval.sla) {
      try {
        dueAt = new Date(Date.now() + parseDuration(approval.sla));
      } catch (error) {
        throw new PermanentStepError(`The approval's sla is not valid: ${(error as Error).message}`);
      }
    }
    const title = questionOf(context.params) ?? context.title;
    const loaded = await this.requests.requestForStep({
      tenantId: context.tenantId,
      runId: context.runId,
      stepId: context.stepId,
      effectKey: context.effectKey,
      kind: this.type,
      title: title.slice(0, MAX_TITLE_LENGTH),
      context: typeof context.params['context'] === 'string' ? truncated(context.params['context']) : '',
      policy: approval.policy,
      allowedRoles: approval.roles,
      form: fields.ok ? fields.fields : [],
      requestedBy: context.startedBy,
      dueAt,
      onTimeout: approval.onTimeout,
    });
    const result = stepResultOf(loaded.decision, counted(loaded.votes));
    if (!result) return { status: 'waiting', decisionId: loaded.decision.id };
    if (result.status === 'failed') throw new PermanentStepError(result.error);
    return { status: 'succeeded', output: result.output };
  }
}

function questionOf(params: Record<string, unknown>): string | null {
  for (const key of ['title', 'question']) {
    const value = params[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}

function truncated(markdown: string): string {
  return markdown.length <= MAX_CONTEXT_LENGTH
    ? markdown
    : `${markdown.slice(0, MAX_CONTEXT_LENGTH)}\n\n… (shortened: the full text is in the run's inputs and earlier steps)`;
}
