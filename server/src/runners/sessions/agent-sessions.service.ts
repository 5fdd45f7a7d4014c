import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type {
  AgentRunnerName,
  AgentSessionDetail,
  AgentSessionMessageView,
  AgentSessionRunResponse,
  AgentSessionSummary,
  ContinueAgentSessionRequest,
  CreateAgentSessionRequest,
} from '@trustops/contracts';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import type { Principal } from '../../rbac/principal.js';
import { RunsService } from '../../runs/runs.service.js';
import { TenantScope } from '../../tenancy/tenant-scope.js';
import type { ConversationTurn } from '../runner.js';
import { WorkspaceDirectory } from '../workspace-directory.js';
import { AgentSessionMessage } from './agent-session-message.entity.js';
import { AgentSession } from './agent-session.entity.js';

/** The built-in runbook a session's questions run as (runbooks/agents/ask.yaml). */
export const ASK_RUNBOOK_ID = 'agents-ask';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Conversations with an agent about a workspace. A question is asked by starting a run of
 * `agents-ask`; its `agent.prompt` step reads the session's history and adds the question and
 * the answer (once, however often the step is delivered).
 */
@Injectable()
export class AgentSessionsService {
  constructor(
    @InjectRepository(AgentSession) private readonly sessions: Repository<AgentSession>,
    @InjectRepository(AgentSessionMessage) private readonly messages: Repository<AgentSessionMessage>,
    private readonly dataSource: DataSource,
    private readonly runs: RunsService,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  async list(principal: Principal, workspaceId: string): Promise<AgentSessionSummary[]> {
    const rows = await this.scope(principal.tenantId).find({
      where: { workspaceId },
      order: { updatedAt: 'DESC' },
      take: 200,
    });
    const counts = await this.messageCounts(
      principal.tenantId,
      rows.map((row) => row.id),
    );
    return rows.map((row) => toSummary(row, counts.get(row.id) ?? 0));
  }

  async get(principal: Principal, sessionId: string): Promise<AgentSessionDetail> {
    const session = await this.find(principal.tenantId, sessionId);
    const messages = await this.messages.find({
      where: { tenantId: principal.tenantId, sessionId },
      order: { seq: 'ASC' },
    });
    return { ...toSummary(session, messages.length), messages: messages.map(toMessageView) };
  }

  /** Starts a conversation with its first question. */
  async create(principal: Principal, request: CreateAgentSessionRequest): Promise<AgentSessionRunResponse> {
    // Refuses an unknown workspace (404) before anything is saved.
    await this.workspaces.open(principal.tenantId, request.workspaceId);
    const session = await this.scope(principal.tenantId).save(
      this.scope(principal.tenantId).create({
        workspaceId: request.workspaceId,
        title: request.title?.trim() || titleFrom(request.prompt),
        runner: request.runner ?? null,
        createdById: principal.userId,
        createdByName: principal.displayName,
        lastRunId: null,
      }),
    );
    return this.ask(principal, session, request.prompt, request.runner ?? session.runner ?? undefined);
  }

  /** Asks a follow-up question in an existing conversation. */
  async continue(
    principal: Principal,
    sessionId: string,
    request: ContinueAgentSessionRequest,
  ): Promise<AgentSessionRunResponse> {
    const session = await this.find(principal.tenantId, sessionId);
    return this.ask(principal, session, request.prompt, request.runner ?? session.runner ?? undefined);
  }

  /** The earlier turns of a session, for the runner: everything not written by this step attempt. */
  async history(tenantId: string, sessionId: string, effectKey: string): Promise<ConversationTurn[]> {
    const rows = await this.messages.find({ where: { tenantId, sessionId }, order: { seq: 'ASC' } });
    return rows.filter((row) => row.effectKey !== effectKey).map((row) => ({ role: row.role, text: row.text }));
  }

  /** The session a step names, or a plain reason why it cannot be used. */
  async forStep(tenantId: string, sessionId: string, workspaceId: string): Promise<AgentSession> {
    if (!UUID.test(sessionId)) throw new BadRequestException(`"${sessionId}" is not a session id.`);
    const session = await this.find(tenantId, sessionId);
    if (session.workspaceId !== workspaceId) throw new BadRequestException('That session is about another workspace.');
    return session;
  }

  /**
   * Adds a message written by a step attempt, once: a redelivered attempt finds it already there.
   * The session row is locked so that two questions at once still get consecutive numbers.
   */
  async appendOnce(
    tenantId: string,
    sessionId: string,
    message: { role: 'user' | 'assistant'; text: string; runId: string; effectKey: string },
  ): Promise<void> {
    await this.dataSource.transaction(async (manager: EntityManager) => {
      await manager
        .getRepository(AgentSession)
        .createQueryBuilder('session')
        .setLock('pessimistic_write')
        .where('session.id = :sessionId AND session.tenant_id = :tenantId', { sessionId, tenantId })
        .getOne();
      const repository = manager.getRepository(AgentSessionMessage);
      if (await repository.exists({ where: { tenantId, sessionId, effectKey: message.effectKey, role: message.role } }))
        return;
      const last = await repository.findOne({ where: { tenantId, sessionId }, order: { seq: 'DESC' } });
      await repository.insert({ tenantId, sessionId, seq: (last?.seq ?? 0) + 1, ...message });
      await manager
        .getRepository(AgentSession)
        .update({ id: sessionId, tenantId }, { lastRunId: message.runId, updatedAt: new Date() });
    });
  }

  private async ask(
    principal: Principal,
    session: AgentSession,
    prompt: string,
    runner: AgentRunnerName | undefined,
  ): Promise<AgentSessionRunResponse> {
    const run = await this.runs.start(principal, {
      runbookId: ASK_RUNBOOK_ID,
      inputs: { workspace: session.workspaceId, prompt, session: session.id, ...(runner ? { runner } : {}) },
    });
    session.lastRunId = run.id;
    const saved = await this.scope(principal.tenantId).save(session);
    const count = await this.messages.count({ where: { tenantId: principal.tenantId, sessionId: session.id } });
    return { session: toSummary(saved, count), runId: run.id };
  }

  private find(tenantId: string, sessionId: string): Promise<AgentSession> {
    return this.scope(tenantId).get(sessionId, 'agent session');
  }

  private async messageCounts(tenantId: string, sessionIds: string[]): Promise<Map<string, number>> {
    if (sessionIds.length === 0) return new Map();
    const rows = await this.messages
      .createQueryBuilder('message')
      .select('message.session_id', 'sessionId')
      .addSelect('COUNT(*)::int', 'count')
      .where('message.tenant_id = :tenantId AND message.session_id IN (:...sessionIds)', { tenantId, sessionIds })
      .groupBy('message.session_id')
      .getRawMany<{ sessionId: string; count: number }>();
    return new Map(rows.map((row) => [row.sessionId, row.count]));
  }

  private scope(tenantId: string): TenantScope<AgentSession> {
    return new TenantScope(this.sessions, tenantId);
  }
}

/** The first line of the first question, cut to a title's length. */
function titleFrom(prompt: string): string {
  const line = prompt.trim().split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 77)}…` : line || 'Conversation';
}

function toSummary(session: AgentSession, messageCount: number): AgentSessionSummary {
  return {
    id: session.id,
    workspaceId: session.workspaceId,
    title: session.title,
    runner: session.runner,
    messageCount,
    createdBy: { userId: session.createdById, displayName: session.createdByName },
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
    lastRunId: session.lastRunId,
  };
}

function toMessageView(message: AgentSessionMessage): AgentSessionMessageView {
  return {
    id: message.id,
    seq: message.seq,
    role: message.role,
    text: message.text,
    runId: message.runId,
    createdAt: message.createdAt.toISOString(),
  };
}
