import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AssignRoleRequest,
  CreateApiTokenRequest,
  CreateApiTokenResponse,
  CreateRoleRequest,
  CreateTenantRequest,
  InvitationSummary,
  InvitePersonRequest,
  RoleSummary,
  TenantSummary,
} from '@trustops/contracts';
import { firstValueFrom } from 'rxjs';

export const ADMIN_USERS_URL = '/api/admin/users';
export const ADMIN_ROLES_URL = '/api/admin/roles';
export const ADMIN_TENANTS_URL = '/api/admin/tenants';
export const ADMIN_INVITATIONS_URL = '/api/admin/invitations';
export const API_TOKENS_URL = '/api/tokens';

export const userRolesUrl = (userId: string): string => `${ADMIN_USERS_URL}/${encodeURIComponent(userId)}/roles`;
export const userRoleUrl = (userId: string, role: string): string =>
  `${userRolesUrl(userId)}/${encodeURIComponent(role)}`;
export const invitationUrl = (invitationId: string): string =>
  `${ADMIN_INVITATIONS_URL}/${encodeURIComponent(invitationId)}`;
export const apiTokenUrl = (tokenId: string): string => `${API_TOKENS_URL}/${encodeURIComponent(tokenId)}`;

/** The admin area's changes. Reads are `httpResource`s in the pages; the CSRF header comes from `csrfInterceptor`. */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  assignRole(userId: string, role: string): Promise<void> {
    const body: AssignRoleRequest = { role };
    return firstValueFrom(this.http.post<void>(userRolesUrl(userId), body));
  }

  /** The answer is the same whoever the email belongs to; inviting it again renews the open invitation. */
  invite(request: InvitePersonRequest): Promise<InvitationSummary> {
    return firstValueFrom(this.http.post<InvitationSummary>(ADMIN_INVITATIONS_URL, request));
  }

  revokeInvitation(invitationId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(invitationUrl(invitationId)));
  }

  createTenant(request: CreateTenantRequest): Promise<TenantSummary> {
    return firstValueFrom(this.http.post<TenantSummary>(ADMIN_TENANTS_URL, request));
  }

  revokeRole(userId: string, role: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(userRoleUrl(userId, role)));
  }

  createRole(request: CreateRoleRequest): Promise<RoleSummary> {
    return firstValueFrom(this.http.post<RoleSummary>(ADMIN_ROLES_URL, request));
  }

  createApiToken(request: CreateApiTokenRequest): Promise<CreateApiTokenResponse> {
    return firstValueFrom(this.http.post<CreateApiTokenResponse>(API_TOKENS_URL, request));
  }

  revokeApiToken(tokenId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(apiTokenUrl(tokenId)));
  }
}
