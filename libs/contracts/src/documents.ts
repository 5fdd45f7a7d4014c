import type { ActorSummary } from './runs.js';

/**
 * Documents produced by the guided wizards, and their review lifecycle
 * (Draft → Review → Approve → Implement → Verify). A stage that needs a person's approval is a
 * decision in the inbox; an approval signs the exact content it approved (SHA-256).
 */

/** `review` waits on an approval decision, and so does `verification`. */
export type DocumentState = 'draft' | 'review' | 'approved' | 'implemented' | 'verification' | 'verified';

export const DOCUMENT_STATES: readonly DocumentState[] = [
  'draft',
  'review',
  'approved',
  'implemented',
  'verification',
  'verified',
];

/** The wizard a document came from. */
export type DocumentKind =
  'analysis' | 'system-documentation' | 'impact-assessment' | 'test-plan' | 'gap-analysis' | 'other';

/** An approval: who approved which exact content (the SHA-256 of the Markdown), and when. */
export interface DocumentSignature {
  /** `review` (the document approved) or `verify` (the implementation verified). */
  stage: 'review' | 'verify';
  /** Hex SHA-256 of the UTF-8 Markdown that was approved. */
  contentSha256: string;
  approver: ActorSummary;
  approvedAt: string;
  decisionId: string | null;
  runId: string;
}

export interface DocumentHistoryEntry {
  state: DocumentState;
  at: string;
  by: ActorSummary;
  /** Plain-English note: "Submitted for review", "Returned to draft: rejected by …". */
  note: string;
  runId?: string | null;
}

export interface DocumentSummary {
  id: string;
  title: string;
  kind: DocumentKind;
  state: DocumentState;
  /** The wizard run that produced it. */
  runId: string | null;
  workspaceId: string | null;
  createdBy: ActorSummary;
  createdAt: string;
  updatedAt: string;
  /** Hex SHA-256 of the current content. */
  contentSha256: string;
}

export interface DocumentView extends DocumentSummary {
  content: string;
  /** The approvals, oldest first; an edit after approval moves them to `invalidatedSignatures`. */
  signatures: DocumentSignature[];
  invalidatedSignatures: DocumentSignature[];
  /** True when the latest signature covers exactly the current content. */
  signatureValid: boolean;
  history: DocumentHistoryEntry[];
  /** The run waiting on the current review or verification decision. */
  reviewRunId: string | null;
}

export interface DocumentListResponse {
  items: DocumentSummary[];
}

export interface UpdateDocumentRequest {
  title?: string;
  content?: string;
}

/** A workspace a wizard may use, as listed for people who start wizards (`GET /api/wizards/workspaces`). */
export interface WizardWorkspaceOption {
  id: string;
  name: string;
  fileCount: number;
}
