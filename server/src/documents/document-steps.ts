import { Injectable } from '@nestjs/common';
import { type DecisionView, type DocumentKind, type DocumentSignature } from '@trustops/contracts';
import { EventsService, MAX_EVENTS_PER_READ } from '../platform/events/index.js';
import { analyseWorkspace } from '../runners/offline/index.js';
import { WorkspaceDirectory } from '../runners/workspace-directory.js';
import { PermanentStepError, type StepContext, type StepHandler, type StepOutcome } from '../runs/step-handler.js';
import { COMPOSABLE_KINDS, composeDocument, type ComposeInputs } from './compose/compose-document.js';
import { DocumentsService } from './documents.service.js';

const KINDS: readonly DocumentKind[] = [...COMPOSABLE_KINDS, 'other'];

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A `with` value still holding a template: checked once the run has resolved it. */
function isTemplate(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

function isKind(value: unknown): boolean {
  return isTemplate(value) || (typeof value === 'string' && (KINDS as readonly string[]).includes(value));
}

function kindOf(value: unknown): DocumentKind {
  if (typeof value === 'string' && (KINDS as readonly string[]).includes(value)) return value as DocumentKind;
  throw new PermanentStepError(`with.kind must be one of ${KINDS.join(', ')}.`);
}

/**
 * `document.compose`: the wizard's document. When a model answered the agent step
 * (`with.runner` is `claude` and `with.agentText` is set), its answer is the document; otherwise the
 * document is built deterministically from the offline analysis of the workspace and the wizard's
 * inputs (`with.inputs`), so the offline engine still gives an impact assessment, a test plan or a
 * gap analysis rather than a general analysis.
 *
 * Output: `{ markdown, composedBy }`.
 */
@Injectable()
export class DocumentComposeStepHandler implements StepHandler {
  readonly type = 'document.compose';

  constructor(private readonly workspaces: WorkspaceDirectory) {}

  validate(params: Record<string, unknown>): string[] {
    const problems: string[] = [];
    if (!text(params['workspace'])) problems.push('document.compose needs `workspace`: the id of the workspace.');
    if (!isKind(params['kind'])) problems.push(`document.compose needs \`kind\`: one of ${KINDS.join(', ')}.`);
    return problems;
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const problems = this.validate(context.params);
    if (problems.length) throw new PermanentStepError(problems.join(' '));
    const kind = kindOf(context.params['kind']);
    const agentText = text(context.params['agentText']);
    if (agentText && context.params['runner'] === 'claude')
      return { status: 'succeeded', output: { markdown: agentText, composedBy: 'claude' } };
    const workspace = await this.workspaces.open(context.tenantId, String(context.params['workspace']));
    await context.log(`Reading ${workspace.name} to write the document`);
    const analysis = await analyseWorkspace(workspace.root, { signal: context.signal, title: workspace.name });
    const raw = context.params['inputs'];
    const inputs: ComposeInputs = {};
    if (raw && typeof raw === 'object')
      for (const [key, value] of Object.entries(raw as Record<string, unknown>))
        inputs[key] = text(value) ?? (typeof value === 'number' ? String(value) : null);
    const markdown = await composeDocument(kind, workspace.root, analysis, inputs);
    return { status: 'succeeded', output: { markdown, composedBy: 'offline' } };
  }
}

/** `document.create`: the wizard's document as a draft for review (`with: title, kind, content, workspace`). Output `{ documentId, contentSha256 }`. */
@Injectable()
export class DocumentCreateStepHandler implements StepHandler {
  readonly type = 'document.create';

  constructor(private readonly documents: DocumentsService) {}

  validate(params: Record<string, unknown>): string[] {
    const problems: string[] = [];
    if (params['title'] !== undefined && typeof params['title'] !== 'string') problems.push('with.title must be text.');
    if (!isKind(params['kind'])) problems.push(`document.create needs \`kind\`: one of ${KINDS.join(', ')}.`);
    return problems;
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const problems = this.validate(context.params);
    if (problems.length) throw new PermanentStepError(problems.join(' '));
    const content = text(context.params['content']);
    if (!content) throw new PermanentStepError('document.create needs `content`: the Markdown of the document.');
    const document = await this.documents.createForRun({
      tenantId: context.tenantId,
      runId: context.runId,
      title: text(context.params['title']) ?? context.title,
      kind: kindOf(context.params['kind']),
      content,
      workspaceId: text(context.params['workspace']),
      createdBy: context.startedBy,
    });
    await context.log(`Draft document "${document.title}" is ready for you to read and submit for review`);
    return {
      status: 'succeeded',
      output: { documentId: document.id, contentSha256: document.contentSha256, state: document.state },
    };
  }
}

/**
 * `document.sign`: after the review run's approval step (`with.gate`, its step id) is approved,
 * records the approval on the document with the approver read from the decision (its
 * `decision.resolved` event on this run's stream) and the SHA-256 that was submitted.
 */
@Injectable()
export class DocumentSignStepHandler implements StepHandler {
  readonly type = 'document.sign';

  constructor(
    private readonly documents: DocumentsService,
    private readonly events: EventsService,
  ) {}

  validate(params: Record<string, unknown>): string[] {
    const problems: string[] = [];
    for (const key of ['document', 'contentSha256', 'gate'])
      if (!text(params[key])) problems.push(`document.sign needs \`${key}\`.`);
    if (!isTemplate(params['stage']) && params['stage'] !== 'review' && params['stage'] !== 'verify')
      problems.push('with.stage must be review or verify.');
    return problems;
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const problems = this.validate(context.params);
    if (problems.length) throw new PermanentStepError(problems.join(' '));
    const gate = String(context.params['gate']);
    const decision = await this.resolvedDecision(context.tenantId, context.runId, gate);
    const vote = decision?.votes.filter((candidate) => candidate.verdict === 'approve').at(-1);
    if (!decision || !vote) throw new PermanentStepError(`No approval was found for step ${gate}; nothing was signed.`);
    const signature: DocumentSignature = {
      stage: context.params['stage'] as 'review' | 'verify',
      contentSha256: String(context.params['contentSha256']),
      approver: vote.by,
      approvedAt: vote.at,
      decisionId: decision.id,
      runId: context.runId,
    };
    const document = await this.documents.sign(context.tenantId, String(context.params['document']), signature);
    return {
      status: 'succeeded',
      output: { state: document.state, signature: signature.contentSha256, approver: vote.by.displayName },
    };
  }

  private async resolvedDecision(tenantId: string, runId: string, stepId: string): Promise<DecisionView | null> {
    let afterSeq = 0;
    let found: DecisionView | null = null;
    for (;;) {
      const page = await this.events.list(tenantId, { kind: 'run', id: runId }, afterSeq);
      for (const event of page) {
        const view = event.payload as unknown as DecisionView;
        if (event.type === 'decision.resolved' && view.stepId === stepId && view.state === 'approved') found = view;
      }
      if (page.length < MAX_EVENTS_PER_READ) return found;
      afterSeq = page.at(-1)?.seq ?? afterSeq;
    }
  }
}
