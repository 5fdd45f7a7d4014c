import type { DocumentState } from '@trustops/contracts';

/**
 * Draft → Review → Approve → Implement → Verify as a table. `review` and `verification` wait on
 * an approval decision; the other moves are a person's action. Rejections and edits send a
 * document back to draft.
 */
export type DocumentAction =
  | 'submit' // draft → review (starts the review decision)
  | 'approve' // review → approved (the decision approved it)
  | 'reject' // review → draft, verification → implemented
  | 'implement' // approved → implemented
  | 'request-verification' // implemented → verification (starts the verification decision)
  | 'verify' // verification → verified
  | 'edit'; // any state but review/verification → draft (invalidates signatures)

const TRANSITIONS: Record<DocumentAction, Partial<Record<DocumentState, DocumentState>>> = {
  submit: { draft: 'review' },
  approve: { review: 'approved' },
  reject: { review: 'draft', verification: 'implemented' },
  implement: { approved: 'implemented' },
  'request-verification': { implemented: 'verification' },
  verify: { verification: 'verified' },
  edit: { draft: 'draft', approved: 'draft', implemented: 'draft', verified: 'draft' },
};

const ACTION_WORDS: Record<DocumentAction, string> = {
  submit: 'submitted for review',
  approve: 'approved',
  reject: 'rejected',
  implement: 'marked as implemented',
  'request-verification': 'sent for verification',
  verify: 'verified',
  edit: 'edited',
};

export const STATE_WORDS: Record<DocumentState, string> = {
  draft: 'a draft',
  review: 'in review',
  approved: 'approved',
  implemented: 'implemented',
  verification: 'waiting for verification',
  verified: 'verified',
};

export type TransitionResult = { ok: true; to: DocumentState } | { ok: false; message: string };

/** Where `action` takes a document in state `from`, or a sentence saying why it cannot. */
export function transition(from: DocumentState, action: DocumentAction): TransitionResult {
  const to = TRANSITIONS[action][from];
  if (to) return { ok: true, to };
  if (action === 'edit')
    return { ok: false, message: `A document ${STATE_WORDS[from]} cannot be edited until its decision is made.` };
  return { ok: false, message: `A document that is ${STATE_WORDS[from]} cannot be ${ACTION_WORDS[action]}.` };
}

/** States a document's stepper shows, in order, and how far the document has come. */
export function lifecycleProgress(state: DocumentState): number {
  return ['draft', 'review', 'approved', 'implemented', 'verification', 'verified'].indexOf(state);
}
