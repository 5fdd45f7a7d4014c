import { ConflictException, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type {
  ActorSummary,
  DocumentKind,
  DocumentListResponse,
  DocumentSignature,
  DocumentState,
  DocumentView,
  UpdateDocumentRequest,
} from '@trustops/contracts';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../rbac/principal.js';
import { RunsService } from '../runs/runs.service.js';
import { PermanentStepError } from '../runs/step-handler.js';
import { TenantScope } from '../tenancy/tenant-scope.js';
import { transition, type DocumentAction } from './document-lifecycle.js';
import { contentSha256 } from './document-signature.js';
import { toDocumentSummary, toDocumentView } from './document-views.js';
import { WizardDocument } from './wizard-document.entity.js';

/** The runbook whose approval step is a document's review (and verification) decision. */
export const DOCUMENT_REVIEW_RUNBOOK = 'wizards-document-review';

// Decisions cap their context; a long document is cut with a pointer to the full page.
const MAX_REVIEW_CONTEXT = 40_000;

export interface NewDocument {
  tenantId: string;
  runId: string;
  title: string;
  kind: DocumentKind;
  content: string;
  workspaceId: string | null;
  createdBy: ActorSummary;
}

/**
 * Wizard documents and their lifecycle. A review or verification is a run of
 * `wizards-document-review`: its approval step is the decision in the supervisors' inbox (separation
 * of duties included, as the submitter starts that run), and its `document.sign` step records the
 * approval with the SHA-256 of the exact content approved.
 */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectRepository(WizardDocument) private readonly documents: Repository<WizardDocument>,
    private readonly runs: RunsService,
    private readonly audit: AuditService,
  ) {}

  private scope(tenantId: string): TenantScope<WizardDocument> {
    return new TenantScope(this.documents, tenantId);
  }

  async list(principal: Principal, query: { runId?: string }): Promise<DocumentListResponse> {
    const documents = await this.scope(principal.tenantId).find({
      where: query.runId ? { runId: query.runId } : {},
      order: { updatedAt: 'DESC' },
      take: 200,
    });
    const settled = await Promise.all(documents.map((document) => this.settleReview(principal, document)));
    return { items: settled.map(toDocumentSummary) };
  }

  async get(principal: Principal, id: string): Promise<DocumentView> {
    return toDocumentView(await this.load(principal, id));
  }

  async update(principal: Principal, id: string, request: UpdateDocumentRequest): Promise<DocumentView> {
    const document = await this.load(principal, id);
    const moved = this.move(document, 'edit');
    if (request.title !== undefined) document.title = request.title.trim().slice(0, 300) || document.title;
    if (request.content !== undefined && request.content !== document.content) {
      document.content = request.content;
      document.contentSha256 = contentSha256(request.content);
      if (document.signatures.length) {
        // An approval signs exact content: once the content changes it no longer stands.
        document.invalidatedSignatures = [...document.invalidatedSignatures, ...document.signatures];
        document.signatures = [];
      }
    }
    const wasSigned = document.invalidatedSignatures.length > 0 && document.state !== 'draft';
    document.state = moved;
    this.note(document, actorOf(principal), wasSigned ? 'Edited: the earlier approval no longer applies' : 'Edited');
    return toDocumentView(await this.scope(principal.tenantId).save(document));
  }

  submit(principal: Principal, id: string): Promise<DocumentView> {
    return this.startDecision(principal, id, 'submit', 'review');
  }

  requestVerification(principal: Principal, id: string): Promise<DocumentView> {
    return this.startDecision(principal, id, 'request-verification', 'verify');
  }

  async markImplemented(principal: Principal, id: string): Promise<DocumentView> {
    const document = await this.load(principal, id);
    document.state = this.move(document, 'implement');
    this.note(document, actorOf(principal), 'Marked as implemented');
    return toDocumentView(await this.scope(principal.tenantId).save(document));
  }

  /** Called by the wizard's `document.create` step; one document per wizard run. */
  async createForRun(request: NewDocument): Promise<WizardDocument> {
    const scope = this.scope(request.tenantId);
    const existing = await scope.findOne({ runId: request.runId });
    if (existing) return existing;
    const document = scope.create({
      title: request.title.slice(0, 300),
      kind: request.kind,
      state: 'draft',
      content: request.content,
      contentSha256: contentSha256(request.content),
      runId: request.runId,
      workspaceId: request.workspaceId,
      createdByUserId: request.createdBy.userId,
      createdByName: request.createdBy.displayName,
      reviewRunId: null,
      signatures: [],
      invalidatedSignatures: [],
      history: [
        {
          state: 'draft',
          at: new Date().toISOString(),
          by: request.createdBy,
          note: 'Drafted by the wizard',
          runId: request.runId,
        },
      ],
    });
    const saved = await scope.save(document);
    await this.audit.record({
      tenantId: request.tenantId,
      actor: { type: 'system', userId: 'documents', displayName: 'Wizard' },
      action: 'document.drafted',
      resource: { type: 'document', id: saved.id },
      after: { title: saved.title, kind: saved.kind, runId: saved.runId, contentSha256: saved.contentSha256 },
    });
    return saved;
  }

  /**
   * Called by the review run's `document.sign` step once its decision is approved: signs the
   * content that was submitted. Content changed since submission is refused (a permanent step
   * failure), so nobody's approval covers words they did not see.
   */
  async sign(tenantId: string, documentId: string, signature: DocumentSignature): Promise<WizardDocument> {
    const scope = this.scope(tenantId);
    const document = await scope.get(documentId, 'document');
    const expected: DocumentState = signature.stage === 'review' ? 'review' : 'verification';
    const already = document.signatures.find((existing) => existing.runId === signature.runId);
    if (already) return document;
    if (document.state !== expected || document.reviewRunId !== signature.runId)
      throw new PermanentStepError(
        `The document is ${document.state}, not waiting for this ${signature.stage}; nothing was signed.`,
      );
    if (document.contentSha256 !== signature.contentSha256)
      throw new PermanentStepError(
        'The document was changed after it was submitted, so this approval does not cover it. Submit it again.',
      );
    document.state = this.move(document, signature.stage === 'review' ? 'approve' : 'verify');
    document.signatures = [...document.signatures, signature];
    document.reviewRunId = null;
    this.note(
      document,
      signature.approver,
      `${signature.stage === 'review' ? 'Approved' : 'Verified'} by ${signature.approver.displayName}; signature ${signature.contentSha256.slice(0, 12)}…`,
      signature.runId,
    );
    const saved = await scope.save(document);
    await this.audit.record({
      tenantId,
      actor: { type: 'person', userId: signature.approver.userId, displayName: signature.approver.displayName },
      action: signature.stage === 'review' ? 'document.approved' : 'document.verified',
      resource: { type: 'document', id: document.id },
      after: { state: saved.state, contentSha256: signature.contentSha256, decisionId: signature.decisionId },
    });
    return saved;
  }

  private async startDecision(
    principal: Principal,
    id: string,
    action: DocumentAction,
    stage: 'review' | 'verify',
  ): Promise<DocumentView> {
    const document = await this.load(principal, id);
    const to = this.move(document, action);
    const run = await this.runs.start(principal, {
      runbookId: DOCUMENT_REVIEW_RUNBOOK,
      inputs: {
        document: document.id,
        stage,
        title: document.title.slice(0, 300),
        contentSha256: document.contentSha256,
        content: reviewContext(document),
      },
      idempotencyKey: `document:${document.id}:${stage}:${document.history.length}`,
    });
    document.state = to;
    document.reviewRunId = run.id;
    this.note(
      document,
      actorOf(principal),
      stage === 'review' ? 'Submitted for review' : 'Sent for verification',
      run.id,
    );
    return toDocumentView(await this.scope(principal.tenantId).save(document));
  }

  private async load(principal: Principal, id: string): Promise<WizardDocument> {
    return this.settleReview(principal, await this.scope(principal.tenantId).get(id, 'document'));
  }

  /** A review whose run ended without signing (rejected, expired, cancelled) sends the document back. */
  private async settleReview(principal: Principal, document: WizardDocument): Promise<WizardDocument> {
    if ((document.state !== 'review' && document.state !== 'verification') || !document.reviewRunId) return document;
    const run = await this.runs.get(principal, document.reviewRunId).catch(() => null);
    if (!run || !['failed', 'cancelled'].includes(run.state)) return document;
    const reason = run.steps.find((step) => step.error)?.error ?? `the ${document.state} was ${run.state}`;
    document.state = this.move(document, 'reject');
    document.reviewRunId = null;
    this.note(document, { userId: null, displayName: 'TrustOps' }, `Returned: ${reason}`, run.id);
    return this.scope(principal.tenantId).save(document);
  }

  private move(document: WizardDocument, action: DocumentAction): DocumentState {
    const result = transition(document.state, action);
    if (!result.ok) throw new ConflictException(result.message);
    return result.to;
  }

  private note(document: WizardDocument, by: ActorSummary, note: string, runId?: string): void {
    document.history = [
      ...document.history,
      { state: document.state, at: new Date().toISOString(), by, note, runId: runId ?? null },
    ];
  }
}

function actorOf(principal: Principal): ActorSummary {
  return { userId: principal.userId, displayName: principal.displayName };
}

function reviewContext(document: WizardDocument): string {
  const header = `**${document.title}**\n\nSignature of the content under review (SHA-256): \`${document.contentSha256}\`\n\n---\n\n`;
  const body =
    document.content.length > MAX_REVIEW_CONTEXT
      ? `${document.content.slice(0, MAX_REVIEW_CONTEXT)}\n\n… (cut here: read the whole document on its page)`
      : document.content;
  return header + body;
}
