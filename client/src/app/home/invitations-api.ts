import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AcceptInvitationResponse } from '@trustops/contracts';
import { firstValueFrom } from 'rxjs';

/** The signed-in person's own invitations to join an organisation. */
export const INVITATIONS_URL = '/api/invitations';
export const acceptInvitationUrl = (invitationId: string): string =>
  `${INVITATIONS_URL}/${encodeURIComponent(invitationId)}/accept`;
export const declineInvitationUrl = (invitationId: string): string =>
  `${INVITATIONS_URL}/${encodeURIComponent(invitationId)}/decline`;

/** Answering an invitation; the CSRF header comes from `csrfInterceptor`. */
@Injectable({ providedIn: 'root' })
export class InvitationsApi {
  private readonly http = inject(HttpClient);

  accept(invitationId: string): Promise<AcceptInvitationResponse> {
    return firstValueFrom(this.http.post<AcceptInvitationResponse>(acceptInvitationUrl(invitationId), null));
  }

  decline(invitationId: string): Promise<void> {
    return firstValueFrom(this.http.post<void>(declineInvitationUrl(invitationId), null));
  }
}
