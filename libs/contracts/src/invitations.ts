import type { TenantSummary } from './session.js';

/** How long an invitation stays open; inviting the same email again renews it for as long. */
export const INVITATION_LIFETIME_DAYS = 14;

/** `POST /api/admin/invitations`: invite someone, by their email, to join the active tenant with a role. */
export interface InvitePersonRequest {
  email: string;
  /** The role they start with: a built-in role name or a custom role key of the active tenant. */
  role: string;
}

/** Who sent an invitation, as the people who see it are told. */
export interface InvitationSender {
  userId: string;
  displayName: string;
}

/**
 * An invitation as the organisation's admins see it: only what an admin typed and chose, never
 * whether the email belongs to anyone who has used TrustOps.
 */
export interface InvitationSummary {
  id: string;
  /** As the admin typed it (trimmed). */
  email: string;
  /** Role key, and its name in the organisation. */
  role: string;
  roleName: string;
  invitedBy: InvitationSender;
  /** When it was last sent (inviting again renews it). ISO 8601. */
  invitedAt: string;
  expiresAt: string;
  /** `expired`: nobody answered in time; invite again to renew it, or revoke it. */
  status: 'pending' | 'expired';
}

/** `GET /api/admin/invitations`: the active tenant's invitations nobody has answered, newest first. */
export interface InvitationListResponse {
  items: InvitationSummary[];
}

/** An invitation as the invited person sees it. */
export interface ReceivedInvitation {
  id: string;
  organisation: TenantSummary;
  role: string;
  roleName: string;
  /** Only their name: ids of people in an organisation the person has not joined stay there. */
  invitedBy: Pick<InvitationSender, 'displayName'>;
  invitedAt: string;
  expiresAt: string;
}

/** `GET /api/invitations`: the signed-in person's open invitations (to their email at sign-in), newest first. */
export interface ReceivedInvitationListResponse {
  items: ReceivedInvitation[];
}

/** `POST /api/invitations/:id/accept`: the organisation just joined, to offer switching to it. */
export interface AcceptInvitationResponse {
  organisation: TenantSummary;
  role: string;
  roleName: string;
}
