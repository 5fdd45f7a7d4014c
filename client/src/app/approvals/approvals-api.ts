import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DecideRequest, DecisionCommentRequest, DecisionView } from '@trustops/contracts';
import { firstValueFrom } from 'rxjs';

export const DECISIONS_URL = '/api/decisions';
export const decisionUrl = (decisionId: string): string => `${DECISIONS_URL}/${encodeURIComponent(decisionId)}`;
export const decideUrl = (decisionId: string): string => `${decisionUrl(decisionId)}/decide`;
export const decisionCommentsUrl = (decisionId: string): string => `${decisionUrl(decisionId)}/comments`;

/** The inbox's state-changing requests; the list itself is a resource of the page. */
@Injectable({ providedIn: 'root' })
export class ApprovalsApi {
  private readonly http = inject(HttpClient);

  decide(decisionId: string, request: DecideRequest): Promise<DecisionView> {
    return firstValueFrom(this.http.post<DecisionView>(decideUrl(decisionId), request));
  }

  comment(decisionId: string, text: string): Promise<DecisionView> {
    const body: DecisionCommentRequest = { text };
    return firstValueFrom(this.http.post<DecisionView>(decisionCommentsUrl(decisionId), body));
  }

  pending(): Promise<DecisionView[]> {
    return firstValueFrom(this.http.get<DecisionView[]>(DECISIONS_URL, { params: { state: 'pending' } }));
  }
}
