import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DecideRequest, DecisionCommentRequest, DecisionView } from '@trustops/contracts';
import { firstValueFrom, Subject } from 'rxjs';

export const DECISIONS_URL = '/api/decisions';
export const decisionUrl = (decisionId: string): string => `${DECISIONS_URL}/${encodeURIComponent(decisionId)}`;
export const decideUrl = (decisionId: string): string => `${decisionUrl(decisionId)}/decide`;
export const decisionCommentsUrl = (decisionId: string): string => `${decisionUrl(decisionId)}/comments`;

/** A verdict this person gave, as the API recorded it. */
export interface DecidedEvent {
  decision: DecisionView;
  verdict: 'approve' | 'reject';
}

/** The inbox's state-changing requests; the list itself is a resource of the page. */
@Injectable({ providedIn: 'root' })
export class ApprovalsApi {
  private readonly http = inject(HttpClient);
  private readonly decidedSubject = new Subject<DecidedEvent>();

  /**
   * Every verdict given from this tab, once recorded. Pages confirm from here rather than from the
   * card, because the live inbox may remove a card (its decision resolved) before the answer arrives.
   */
  readonly decided$ = this.decidedSubject.asObservable();

  async decide(decisionId: string, request: DecideRequest): Promise<DecisionView> {
    const decision = await firstValueFrom(this.http.post<DecisionView>(decideUrl(decisionId), request));
    this.decidedSubject.next({ decision, verdict: request.verdict });
    return decision;
  }

  comment(decisionId: string, text: string): Promise<DecisionView> {
    const body: DecisionCommentRequest = { text };
    return firstValueFrom(this.http.post<DecisionView>(decisionCommentsUrl(decisionId), body));
  }

  pending(): Promise<DecisionView[]> {
    return firstValueFrom(this.http.get<DecisionView[]>(DECISIONS_URL, { params: { state: 'pending' } }));
  }
}
