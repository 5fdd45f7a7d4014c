import { Injectable, NotFoundException } from '@nestjs/common';
import type { EventEnvelope } from '@trustops/contracts';
import { EventsService, MAX_EVENTS_PER_READ } from '../../platform/events/index.js';
import type { Principal } from '../../rbac/principal.js';
import { RunsService } from '../../runs/runs.service.js';
import { AgentSessionsService } from '../sessions/agent-sessions.service.js';
import { conversationMarkdown, isAgentEvent, transcriptMarkdown } from './transcript-markdown.js';
import { markdownToPdf } from './transcript-pdf.js';

/** A run's transcript is at most this many events long for export (the stream is read in pages). */
const MAX_TRANSCRIPT_EVENTS = 20_000;

export interface TranscriptDocument {
  /** Without extension. */
  fileName: string;
  title: string;
  markdown: string;
}

/** Exports of an agent run's transcript, rebuilt from the run's event stream. */
@Injectable()
export class AgentTranscriptsService {
  constructor(
    private readonly runs: RunsService,
    private readonly events: EventsService,
    private readonly sessions: AgentSessionsService,
  ) {}

  async markdown(principal: Principal, runId: string): Promise<TranscriptDocument> {
    // 404 for a run of another tenant, before anything is read.
    const run = await this.runs.get(principal, runId);
    const events = await this.agentEvents(principal.tenantId, runId);
    if (events.length === 0) throw new NotFoundException('This run has no agent transcript.');
    const title = `${run.runbookTitle}: agent transcript`;
    return {
      fileName: `transcript-${runId}`,
      title,
      markdown: transcriptMarkdown({ title, runId, exportedAt: new Date() }, events),
    };
  }

  /** A session's conversation (questions and answers), for the conversation view's Export. */
  async conversation(principal: Principal, sessionId: string): Promise<TranscriptDocument> {
    const session = await this.sessions.get(principal, sessionId);
    return {
      fileName: `conversation-${sessionId}`,
      title: session.title,
      markdown: conversationMarkdown(session, new Date()),
    };
  }

  async pdf(document: TranscriptDocument): Promise<Buffer> {
    return markdownToPdf(document.title, document.markdown);
  }

  private async agentEvents(tenantId: string, runId: string): Promise<EventEnvelope[]> {
    const found: EventEnvelope[] = [];
    let afterSeq = 0;
    for (;;) {
      const page = await this.events.list(tenantId, { kind: 'run', id: runId }, afterSeq, MAX_EVENTS_PER_READ);
      found.push(...page.filter(isAgentEvent));
      if (page.length < MAX_EVENTS_PER_READ || found.length >= MAX_TRANSCRIPT_EVENTS) return found;
      afterSeq = page.at(-1)?.seq ?? afterSeq;
    }
  }
}
