import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  RUN_EVENT_TYPES,
  TERMINAL_RUN_STATES,
  type DecideRequest,
  type DecisionFormField,
  type DecisionPolicyName,
  type DecisionKind,
  type DecisionState,
  type DecisionView,
  type EarlyDecisionResponse,
  type LiveEventMessage,
} from '@trustops/contracts';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import type { Principal } from '../rbac/principal.js';
import { RunbooksService } from '../runs/runbooks.service.js';
import { RunsService } from '../runs/runs.service.js';
import { DecisionComment } from './decision-comment.entity.js';
import { parseFormFields, validateFormResponse } from './decision-form.js';
import { lockGate } from './decision-gate-lock.js';
import { DecisionJournal, type DecisionActor, type LoadedDecision } from './decision-journal.js';
import { DecisionRequests, lastResponse } from './decision-requests.service.js';
import { DecisionResumer } from './decision-resumer.js';
import { assertMayVote, evaluateVotes, permissionToDecide } from './decision-rules.js';
import { counted } from './decision-view.js';
import { DecisionVote } from './decision-vote.entity.js';
import { Decision } from './decision.entity.js';

const LIST_LIMIT = 200;
const FINISHED_STEP_STATES = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);

const STATE_WORDS: Record<Exclude<DecisionState, 'pending'>, string> = {
  approved: 'has already been approved',
  rejected: 'has already been rejected',
  expired: 'has expired: nobody decided within its deadline',
  cancelled: 'was cancelled',
};

/** The inbox: read decisions, vote on them (also before the run reaches its gate), comment. */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: DecisionJournal,
    private readonly resumer: DecisionResumer,
    private readonly runs: RunsService,
    private readonly requests: DecisionRequests,
    private readonly runbooks: RunbooksService,
  ) {}

  /** The tenant's decisions, pending ones by deadline first, then the newest. */
  async list(principal: Principal, state?: DecisionState): Promise<DecisionView[]> {
    const query = this.dataSource
      .getRepository(Decision)
      .createQueryBuilder('decision')
      .where('decision.tenant_id = :tenantId', { tenantId: principal.tenantId })
      .orderBy('decision.due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('decision.created_at', 'DESC')
      .take(LIST_LIMIT);
    if (state) query.andWhere('decision.state = :state', { state });
    const decisions = await query.getMany();
    if (decisions.length === 0) return [];
    const ids = decisions.map((decision) => decision.id);
    const [votes, comments] = await Promise.all([
      this.dataSource
        .getRepository(DecisionVote)
        .find({ where: { tenantId: principal.tenantId, decisionId: In(ids) } }),
      this.dataSource
        .getRepository(DecisionComment)
        .find({ where: { tenantId: principal.tenantId, decisionId: In(ids) } }),
    ]);
    return decisions.map((decision) =>
      this.journal.view({
        decision,
        votes: votes.filter((vote) => vote.decisionId === decision.id),
        comments: comments.filter((comment) => comment.decisionId === decision.id),
      }),
    );
  }

  async get(principal: Principal, decisionId: string): Promise<DecisionView> {
    const decision = await this.find(this.dataSource.manager, principal, decisionId);
    assertMayRead(principal, decision.kind);
    return this.journal.view(await this.journal.load(this.dataSource.manager, decision));
  }

  /** Approve or reject (with the form's answers); resumes the run when this vote settles the decision. */
  async decide(principal: Principal, decisionId: string, request: DecideRequest): Promise<DecisionView> {
    const decision = await this.find(this.dataSource.manager, principal, decisionId);
    // Read alongside the vote (this is on the path from an approval to the next step), and
    // consulted before the vote commits.
    const runEnded = this.whyRunEnded(principal, decision);
    const outcome = await this.dataSource
      .transaction(async (manager) => {
        const voted = await this.vote(
          manager,
          principal,
          await this.find(manager, principal, decisionId, true),
          request,
        );
        const reason = await runEnded;
        if (reason !== null) throw new RunEndedError(reason);
        return voted;
      })
      .catch(async (error: unknown) => {
        if (!(error instanceof RunEndedError)) throw error;
        // A decision of a run that ended another way is cancelled instead of decided.
        await this.requests.cancelPending(
          decision.tenantId,
          decision.runId!,
          error.message,
          decision.stepId ?? undefined,
        );
        throw new ConflictException(`${error.message} There is nothing left to decide.`);
      });
    return this.afterVote(outcome);
  }

  async comment(principal: Principal, decisionId: string, text: string): Promise<DecisionView> {
    const trimmed = text.trim();
    if (!trimmed) throw new BadRequestException('Write something in the comment.');
    const { loaded, events } = await this.dataSource.transaction(async (manager) => {
      const decision = await this.find(manager, principal, decisionId, true);
      assertMayRead(principal, decision.kind);
      await manager.save(
        manager.create(DecisionComment, {
          tenantId: decision.tenantId,
          decisionId: decision.id,
          userId: principal.userId,
          userName: principal.displayName,
          text: trimmed,
        }),
      );
      const actor = actorOf(principal);
      await this.journal.record(manager, decision, actor, 'decision.commented', {
        after: { runId: decision.runId, stepId: decision.stepId, text: trimmed },
      });
      const reloaded = await this.journal.load(manager, decision);
      return {
        loaded: reloaded,
        events: await this.journal.announce(manager, RUN_EVENT_TYPES.decisionUpdated, reloaded, actor),
      };
    });
    await this.journal.publish(events);
    return this.journal.view(loaded);
  }

  /**
   * A verdict for the gate `stepId` of a run: applied at once when the gate's decision is open,
   * otherwise checked as far as it can be now (the run, the step's type, the permission,
   * separation of duties) and kept until the run reaches the gate.
   */
  async decideEarly(
    principal: Principal,
    runId: string,
    stepId: string,
    request: DecideRequest,
  ): Promise<EarlyDecisionResponse> {
    const run = await this.runs.get(principal, runId);
    const step = run.steps.find((candidate) => candidate.stepId === stepId);
    if (!step) throw new NotFoundException(`This run has no step "${stepId}".`);
    if (step.type !== 'approval' && step.type !== 'input') {
      throw new BadRequestException(
        `Step "${stepId}" is a ${step.type} step; only approval and input steps take decisions.`,
      );
    }
    const kind: DecisionKind = step.type;
    if (TERMINAL_RUN_STATES.includes(run.state)) {
      await this.requests.cancelPending(
        principal.tenantId,
        runId,
        `The run has already finished (${run.state}).`,
        stepId,
      );
      throw new ConflictException(`This run has already finished (${run.state}); there is nothing left to decide.`);
    }
    const gate = await this.gateOf(principal.tenantId, run.runbookId, run.runbookVersion, stepId);
    if (gate.policy === 'auto')
      throw new ConflictException(`"${step.title}" approves itself (policy auto); nobody needs to decide it.`);
    if (request.verdict === 'approve' && gate.form.length > 0) {
      const checked = validateFormResponse(gate.form, request.response);
      if (!checked.ok)
        throw new BadRequestException({ message: formProblemsMessage(checked.problems), details: checked.problems });
    }
    const outcome = await this.dataSource.transaction(async (manager) => {
      await lockGate(manager, principal.tenantId, runId, stepId);
      const open = await manager.findOne(Decision, {
        where: { tenantId: principal.tenantId, runId, stepId, state: 'pending' },
        order: { createdAt: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (open) return { applied: await this.vote(manager, principal, open, request) };
      if (FINISHED_STEP_STATES.has(step.state))
        throw new ConflictException(`Step "${step.title}" has already finished; there is nothing left to decide.`);
      const decided = await manager.findOne(Decision, {
        where: { tenantId: principal.tenantId, runId, stepId },
        order: { createdAt: 'DESC' },
      });
      // Settled while the step is still reporting back: the gate has passed. (A retried step is pending or queued again.)
      if (decided && (step.state === 'waiting' || step.state === 'running'))
        throw new ConflictException(
          `The decision for "${step.title}" ${STATE_WORDS[decided.state as Exclude<DecisionState, 'pending'>]}.`,
        );
      const kept = await manager.find(DecisionVote, {
        where: { tenantId: principal.tenantId, runId, stepId, decisionId: IsNull() },
      });
      // Checked again when the gate is reached (its form may depend on earlier steps' outputs).
      assertMayVote(
        { kind, policy: gate.policy, allowedRoles: gate.roles, requestedById: run.startedBy.userId },
        principal,
        request.verdict,
        kept,
      );
      const vote = await manager.save(
        manager.create(DecisionVote, {
          tenantId: principal.tenantId,
          decisionId: null,
          runId,
          stepId,
          userId: principal.userId,
          userName: principal.displayName,
          userRoles: principal.roles,
          verdict: request.verdict,
          comment: request.comment?.trim() || null,
          response: request.response ?? null,
          early: true,
          discardedReason: null,
        }),
      );
      // No decision exists yet: the record is about the run's gate.
      await this.journal.record(
        manager,
        { tenantId: principal.tenantId, id: vote.id, runId, stepId, state: 'pending' },
        actorOf(principal),
        'decision.early-vote-recorded',
        {
          resource: { type: 'run', id: runId },
          after: { runId, stepId, verdict: vote.verdict, comment: vote.comment, voteId: vote.id },
        },
      );
      return { applied: null };
    });
    if (outcome.applied) {
      const decision = await this.afterVote(outcome.applied);
      return {
        applied: true,
        decision,
        message: `Your ${request.verdict === 'approve' ? 'approval' : 'rejection'} was applied to "${decision.title}".`,
      };
    }
    return {
      applied: false,
      decision: null,
      message: `Your ${request.verdict === 'approve' ? 'approval' : 'rejection'} is kept and will apply when the run reaches "${step.title}".`,
    };
  }

  private async vote(
    manager: EntityManager,
    principal: Principal,
    decision: Decision,
    request: DecideRequest,
  ): Promise<{ loaded: LoadedDecision; events: LiveEventMessage[]; resolved: boolean }> {
    if (decision.state !== 'pending') throw new ConflictException(`This decision ${STATE_WORDS[decision.state]}.`);
    const { votes, comments } = await this.journal.load(manager, decision);
    assertMayVote(decision, principal, request.verdict, counted(votes));
    let response: Record<string, unknown> | null = null;
    if (request.verdict === 'approve' && (decision.form.length > 0 || decision.kind === 'input')) {
      const checked = validateFormResponse(decision.form, request.response);
      if (!checked.ok)
        throw new BadRequestException({ message: formProblemsMessage(checked.problems), details: checked.problems });
      response = checked.values;
    }
    const vote = await manager.save(
      manager.create(DecisionVote, {
        tenantId: decision.tenantId,
        decisionId: decision.id,
        runId: decision.runId,
        stepId: decision.stepId,
        userId: principal.userId,
        userName: principal.displayName,
        userRoles: principal.roles,
        verdict: request.verdict,
        comment: request.comment?.trim() || null,
        response,
        early: false,
        discardedReason: null,
      }),
    );
    const actor = actorOf(principal);
    const all = counted([...votes, vote]);
    const state = evaluateVotes(decision.policy, all);
    await this.journal.record(manager, decision, actor, 'decision.voted', {
      after: {
        runId: decision.runId,
        stepId: decision.stepId,
        verdict: vote.verdict,
        comment: vote.comment,
        fields: response ? Object.keys(response) : [],
        state,
      },
    });
    if (state !== 'pending') {
      decision.state = state;
      decision.resolvedAt = new Date();
      decision.response = lastResponse(all);
      await manager.save(decision);
      await this.journal.record(manager, decision, actor, `decision.${state}`, {
        after: {
          runId: decision.runId,
          stepId: decision.stepId,
          state,
          approvers: all.filter((v) => v.verdict === 'approve').map((v) => v.userName),
        },
      });
    }
    // Built in memory rather than read again: this is on the path from an approval to the next step.
    const loaded: LoadedDecision = { decision, votes: [...votes, vote], comments };
    const events = await this.journal.announce(
      manager,
      state === 'pending' ? RUN_EVENT_TYPES.decisionUpdated : RUN_EVENT_TYPES.decisionResolved,
      loaded,
      actor,
    );
    return { loaded, events, resolved: state !== 'pending' };
  }

  private async afterVote(outcome: {
    loaded: LoadedDecision;
    events: LiveEventMessage[];
    resolved: boolean;
  }): Promise<DecisionView> {
    await Promise.all([
      this.journal.publish(outcome.events),
      outcome.resolved ? this.resumer.resume(outcome.loaded.decision, outcome.loaded.votes) : Promise.resolve(false),
    ]);
    return this.journal.view(outcome.loaded);
  }

  /** A decision of a run that has finished another way (cancelled) is cancelled instead of decided. */
  /**
   * Null while the decision's run still waits on it; otherwise why not (cancelled, finished, gone).
   * Never rejects: when the run cannot be read, the vote goes ahead as if it waits.
   */
  private async whyRunEnded(principal: Principal, decision: Decision): Promise<string | null> {
    if (decision.state !== 'pending' || !decision.runId) return null;
    try {
      const run = await this.runs.get(principal, decision.runId);
      if (!TERMINAL_RUN_STATES.includes(run.state)) return null;
      return `The run has already ${run.state === 'cancelled' ? 'been cancelled' : run.state}.`;
    } catch (error) {
      return error instanceof NotFoundException ? 'The run no longer exists.' : null;
    }
  }

  /**
   * What the run's runbook says about the gate: policy, roles, and the form when it is written out
   * (a form built from templates is only known when the gate is reached).
   */
  private async gateOf(
    tenantId: string,
    runbookId: string,
    version: number,
    stepId: string,
  ): Promise<{ policy: DecisionPolicyName; roles: string[]; form: DecisionFormField[] }> {
    const definition = await this.runbooks
      .version(tenantId, runbookId, version)
      .then((detail) => detail.definition)
      .catch(() => null);
    const step = definition?.steps.find((candidate) => candidate.id === stepId);
    const fields = parseFormFields(step?.with['fields']);
    return {
      policy: step?.approval?.policy ?? 'require_one',
      roles: step?.approval?.roles ?? [],
      form: fields.ok && !JSON.stringify(fields.fields).includes('{{') ? fields.fields : [],
    };
  }

  private async find(
    manager: EntityManager,
    principal: Principal,
    decisionId: string,
    forUpdate = false,
  ): Promise<Decision> {
    const decision = await manager.findOne(Decision, {
      where: { id: decisionId, tenantId: principal.tenantId },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!decision) throw new NotFoundException(`There is no decision with id ${decisionId}.`);
    return decision;
  }
}

/** Rolls the vote back: the run no longer waits on its decision. */
class RunEndedError extends Error {}

/** Supervisors read every decision; whoever may answer an input request may read that request. */
function assertMayRead(principal: Principal, kind: DecisionKind): void {
  if (principal.permissions.has('decisions:read') || principal.permissions.has(permissionToDecide(kind))) return;
  throw new ForbiddenException('You do not have permission to see this decision (decisions:read).');
}

function actorOf(principal: Principal): DecisionActor {
  return { userId: principal.userId, displayName: principal.displayName, roles: principal.roles };
}

function formProblemsMessage(problems: string[]): string {
  return problems.length === 1
    ? `The answer is not valid: ${problems[0]}`
    : `The answer has ${problems.length} problems: ${problems.join(' ')}`;
}
