import type { ActorSummary, DocumentSummary, DocumentView } from '@trustops/contracts';
import { signatureCovers } from './document-signature.js';
import type { WizardDocument } from './wizard-document.entity.js';

export function createdByOf(document: WizardDocument): ActorSummary {
  return { userId: document.createdByUserId, displayName: document.createdByName };
}

export function toDocumentSummary(document: WizardDocument): DocumentSummary {
  return {
    id: document.id,
    title: document.title,
    kind: document.kind,
    state: document.state,
    runId: document.runId,
    workspaceId: document.workspaceId,
    createdBy: createdByOf(document),
    createdAt: document.createdAt.toISOString(),
    updatedAt: document.updatedAt.toISOString(),
    contentSha256: document.contentSha256,
  };
}

export function toDocumentView(document: WizardDocument): DocumentView {
  return {
    ...toDocumentSummary(document),
    content: document.content,
    signatures: document.signatures,
    invalidatedSignatures: document.invalidatedSignatures,
    signatureValid: signatureCovers(document.signatures, document.content),
    history: document.history,
    reviewRunId: document.reviewRunId,
  };
}
