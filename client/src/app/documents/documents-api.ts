import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  DocumentKind,
  DocumentListResponse,
  DocumentState,
  DocumentView,
  UpdateDocumentRequest,
  WizardWorkspaceOption,
} from '@trustops/contracts';
import { firstValueFrom } from 'rxjs';

export const DOCUMENTS_URL = '/api/documents';
export const documentUrl = (id: string): string => `${DOCUMENTS_URL}/${encodeURIComponent(id)}`;
export const documentDownloadUrl = (id: string): string => `${documentUrl(id)}/document.md`;
export const WIZARD_WORKSPACES_URL = '/api/wizards/workspaces';

export const STATE_LABELS: Record<DocumentState, string> = {
  draft: 'Draft',
  review: 'In review',
  approved: 'Approved',
  implemented: 'Implemented',
  verification: 'Being verified',
  verified: 'Verified',
};

/** The wizard a document came from, as its list says it. */
export const KIND_LABELS: Record<DocumentKind, string> = {
  analysis: 'Integration analysis',
  'system-documentation': 'System documentation',
  'impact-assessment': 'Impact assessment',
  'test-plan': 'Test plan',
  'gap-analysis': 'Gap analysis',
  other: 'Document',
};

/** The lifecycle as the stepper picture shows it: each stage and the states that have reached it. */
export const LIFECYCLE_STAGES: ReadonlyArray<{ label: string; reachedBy: readonly DocumentState[] }> = [
  { label: 'Draft', reachedBy: ['draft', 'review', 'approved', 'implemented', 'verification', 'verified'] },
  { label: 'Review', reachedBy: ['review', 'approved', 'implemented', 'verification', 'verified'] },
  { label: 'Approve', reachedBy: ['approved', 'implemented', 'verification', 'verified'] },
  { label: 'Implement', reachedBy: ['implemented', 'verification', 'verified'] },
  { label: 'Verify', reachedBy: ['verified'] },
];

/** Document reads and lifecycle moves. */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);

  list(runId?: string): Promise<DocumentListResponse> {
    return firstValueFrom(this.http.get<DocumentListResponse>(DOCUMENTS_URL, { params: runId ? { runId } : {} }));
  }

  get(id: string): Promise<DocumentView> {
    return firstValueFrom(this.http.get<DocumentView>(documentUrl(id)));
  }

  update(id: string, request: UpdateDocumentRequest): Promise<DocumentView> {
    return firstValueFrom(this.http.patch<DocumentView>(documentUrl(id), request));
  }

  submit(id: string): Promise<DocumentView> {
    return firstValueFrom(this.http.post<DocumentView>(`${documentUrl(id)}/submit`, {}));
  }

  markImplemented(id: string): Promise<DocumentView> {
    return firstValueFrom(this.http.post<DocumentView>(`${documentUrl(id)}/implemented`, {}));
  }

  requestVerification(id: string): Promise<DocumentView> {
    return firstValueFrom(this.http.post<DocumentView>(`${documentUrl(id)}/verification`, {}));
  }

  workspaces(): Promise<{ items: WizardWorkspaceOption[] }> {
    return firstValueFrom(this.http.get<{ items: WizardWorkspaceOption[] }>(WIZARD_WORKSPACES_URL));
  }
}
