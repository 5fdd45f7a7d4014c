import type { DocumentState, DocumentSummary } from '@trustops/contracts';

/**
 * Where a document stands, in the three words people look for on the list: still being written
 * (draft), waiting on a supervisor (in review), or approved with a signature (signed; the later
 * stages, implemented and verified, keep that signature).
 */
export type DocumentStatus = 'draft' | 'in-review' | 'signed';

export const DOCUMENT_STATUSES: readonly DocumentStatus[] = ['draft', 'in-review', 'signed'];

export const STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: 'Draft',
  'in-review': 'In review',
  signed: 'Signed',
};

export function documentStatus(state: DocumentState): DocumentStatus {
  switch (state) {
    case 'draft':
      return 'draft';
    case 'review':
    case 'verification':
      return 'in-review';
    case 'approved':
    case 'implemented':
    case 'verified':
      return 'signed';
  }
}

/** The documents whose status is `status` (all of them for `all`) and whose title or author contains `text`. */
export function filterDocuments(
  documents: readonly DocumentSummary[],
  status: DocumentStatus | 'all',
  text: string,
): DocumentSummary[] {
  const wanted = text.trim().toLocaleLowerCase('en-GB');
  return documents.filter(
    (document) =>
      (status === 'all' || documentStatus(document.state) === status) &&
      (wanted === '' ||
        document.title.toLocaleLowerCase('en-GB').includes(wanted) ||
        document.createdBy.displayName.toLocaleLowerCase('en-GB').includes(wanted)),
  );
}
