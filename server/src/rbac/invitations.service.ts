import { ConflictException, ForbiddenException, GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  INVITATION_LIFETIME_DAYS,
  type AcceptInvitationResponse,
  type InvitationListResponse,
  type InvitationSummary,
  type InvitePersonRequest,
  type ReceivedInvitationListResponse,
} from '@trustops/contracts';
import type { Request } from 'express';
import { Repository, type EntityManager } from 'typeorm';
import { UsersService } from '../auth/users/users.service.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { TenantScope } from '../tenancy/tenant-scope.js';
import { AccessAudit } from './access-audit.service.js';
import { Invitation } from './invitation.entity.js';
import type { Principal } from './principal.js';
import { RbacService } from './rbac.service.js';

/** Not yet accepted, declined or revoked (it may have expired). The partial indexes use the same condition. */
const OPEN = 'invitation.accepted_at IS NULL AND invitation.declined_at IS NULL AND invitation.revoked_at IS NULL';

const NOT_FOUND = 'There is no such invitation for you.';

/**
 * Invitations to join an organisation. An admin invites an email; whoever signs in with that
 * email sees the invitation and answers it. Inviting never looks anyone up, so what an admin
 * is told cannot reveal whether an email belongs to someone who uses TrustOps.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectRepository(Invitation) private readonly invitations: Repository<Invitation>,
    private readonly rbac: RbacService,
    private readonly tenancy: TenancyService,
    private readonly users: UsersService,
    private readonly audit: AccessAudit,
  ) {}

  /**
   * Invites `email` into the active tenant with `role`. An open invitation to the same email (any
   * letter case) is renewed instead: its role replaced, its expiry moved 14 days on.
   */
  async invite(request: Request, principal: Principal, body: InvitePersonRequest): Promise<InvitationSummary> {
    const email = body.email.trim();
    await this.rbac.assertRoleExists(principal.tenantId, body.role);
    const rows: { id: string; renewed: boolean }[] = await this.invitations.query(
      `INSERT INTO "invitations" ("tenant_id", "email", "role", "invited_by_id", "invited_by_name", "invited_at", "expires_at")
       VALUES ($1, $2, $3, $4, $5, now(), now() + make_interval(days => $6))
       ON CONFLICT ("tenant_id", lower("email"))
         WHERE "accepted_at" IS NULL AND "declined_at" IS NULL AND "revoked_at" IS NULL
       DO UPDATE SET "email" = EXCLUDED."email", "role" = EXCLUDED."role", "invited_by_id" = EXCLUDED."invited_by_id",
         "invited_by_name" = EXCLUDED."invited_by_name", "invited_at" = EXCLUDED."invited_at",
         "expires_at" = EXCLUDED."expires_at", "updated_at" = now()
       RETURNING "id", ("xmax" <> 0) AS "renewed"`,
      [principal.tenantId, email, body.role, principal.userId, principal.displayName, INVITATION_LIFETIME_DAYS],
    );
    const { id, renewed } = rows[0];
    const invitation = await this.invitations.findOneByOrFail({ id });
    await this.audit.record(request, principal, {
      tenantId: principal.tenantId,
      action: 'user.invited',
      resource: { type: 'invitation', id },
      after: { email, role: body.role, expiresAt: invitation.expiresAt.toISOString(), renewed },
    });
    return this.summarise(invitation, await this.rbac.roleNames(principal.tenantId));
  }

  /** The active tenant's invitations nobody has answered yet, expired ones included, newest first. */
  async list(principal: Principal): Promise<InvitationListResponse> {
    const open = await this.scope(principal.tenantId)
      .queryBuilder('invitation')
      .andWhere(OPEN)
      .orderBy('invitation.invited_at', 'DESC')
      .getMany();
    const names = await this.rbac.roleNames(principal.tenantId);
    return { items: open.map((invitation) => this.summarise(invitation, names)) };
  }

  /** Withdraws an open invitation of the active tenant; another tenant's is not found. */
  async revoke(request: Request, principal: Principal, invitationId: string): Promise<void> {
    const invitation = await this.scope(principal.tenantId).get(invitationId, 'invitation');
    if (invitation.acceptedAt) {
      throw new ConflictException('That person has already joined, so the invitation can no longer be withdrawn.');
    }
    if (invitation.declinedAt || invitation.revokedAt) {
      throw new ConflictException('That invitation has already been declined or withdrawn.');
    }
    const revoked = await this.invitations
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND tenant_id = :tenantId', { id: invitation.id, tenantId: principal.tenantId })
      .andWhere('accepted_at IS NULL AND declined_at IS NULL AND revoked_at IS NULL')
      .execute();
    if (!revoked.affected) {
      throw new ConflictException('That invitation was answered a moment ago. Reload the page to see who has joined.');
    }
    await this.audit.record(request, principal, {
      tenantId: principal.tenantId,
      action: 'invitation.revoked',
      resource: { type: 'invitation', id: invitation.id },
      before: { email: invitation.email, role: invitation.role },
    });
  }

  /**
   * The signed-in person's open, unexpired invitations, to the email their identity provider gave
   * at their last sign-in. Deliberately across tenants: they are invitations to the person.
   */
  async received(principal: Principal): Promise<ReceivedInvitationListResponse> {
    const email = await this.emailOf(principal);
    if (!email) return { items: [] };
    const invitations = await this.invitations
      .createQueryBuilder('invitation')
      .innerJoinAndSelect('invitation.tenant', 'tenant')
      .where('lower(invitation.email) = lower(:email)', { email })
      .andWhere(OPEN)
      .andWhere('invitation.expires_at > now()')
      .orderBy('invitation.invited_at', 'DESC')
      .getMany();
    const names = new Map<string, Map<string, string>>();
    for (const tenantId of new Set(invitations.map((invitation) => invitation.tenantId))) {
      names.set(tenantId, await this.rbac.roleNames(tenantId));
    }
    return {
      items: invitations.map((invitation) => ({
        id: invitation.id,
        organisation: TenancyService.toSummary(invitation.tenant!),
        role: invitation.role,
        roleName: names.get(invitation.tenantId)?.get(invitation.role) ?? invitation.role,
        invitedBy: { displayName: invitation.invitedByName },
        invitedAt: invitation.invitedAt.toISOString(),
        expiresAt: invitation.expiresAt.toISOString(),
      })),
    };
  }

  /** Joins the invitation's organisation with its role; the answer names the organisation to switch to. */
  async accept(request: Request, principal: Principal, invitationId: string): Promise<AcceptInvitationResponse> {
    const invitation = await this.answer(principal, invitationId, async (open, manager) => {
      // The role first: a role removed since the invitation was sent is refused before anyone joins.
      await this.rbac.assignRole(open.tenantId, principal.userId, open.role, 'admin', open.invitedById);
      await this.tenancy.addMember(open.tenantId, principal.userId);
      await manager.update(Invitation, { id: open.id }, { acceptedAt: () => 'now()', answeredById: principal.userId });
    });
    await this.recordAnswer(request, principal, invitation, 'invitation.accepted');
    const tenant = await this.tenancy.findById(invitation.tenantId);
    const names = await this.rbac.roleNames(invitation.tenantId);
    return {
      organisation: TenancyService.toSummary(tenant!),
      role: invitation.role,
      roleName: names.get(invitation.role) ?? invitation.role,
    };
  }

  async decline(request: Request, principal: Principal, invitationId: string): Promise<void> {
    const invitation = await this.answer(principal, invitationId, async (open, manager) => {
      await manager.update(Invitation, { id: open.id }, { declinedAt: () => 'now()', answeredById: principal.userId });
    });
    await this.recordAnswer(request, principal, invitation, 'invitation.declined');
  }

  /**
   * Locks the person's own open invitation while `change` answers it, so that it is answered once
   * and not revoked half-way. Someone else's invitation is not found (404), never forbidden.
   */
  private async answer(
    principal: Principal,
    invitationId: string,
    change: (invitation: Invitation, manager: EntityManager) => Promise<void>,
  ): Promise<Invitation> {
    if (principal.via !== 'session') {
      throw new ForbiddenException('Answer invitations in TrustOps itself: an API token cannot join organisations.');
    }
    const email = await this.emailOf(principal);
    if (!email) throw new NotFoundException(NOT_FOUND);
    return this.invitations.manager.transaction(async (manager) => {
      const invitation = await manager
        .getRepository(Invitation)
        .createQueryBuilder('invitation')
        .where('invitation.id = :invitationId AND lower(invitation.email) = lower(:email)', { invitationId, email })
        .setLock('pessimistic_write')
        .getOne();
      if (!invitation) throw new NotFoundException(NOT_FOUND);
      assertOpen(invitation);
      await change(invitation, manager);
      return invitation;
    });
  }

  /** In the invitation's organisation, as the person who answered, holding no role there but the offered one. */
  private async recordAnswer(
    request: Request,
    principal: Principal,
    invitation: Invitation,
    action: 'invitation.accepted' | 'invitation.declined',
  ): Promise<void> {
    await this.audit.record(
      request,
      {
        userId: principal.userId,
        displayName: principal.displayName,
        roles: action === 'invitation.accepted' ? [invitation.role] : [],
      },
      {
        tenantId: invitation.tenantId,
        action,
        resource: { type: 'invitation', id: invitation.id },
        after: { role: invitation.role },
      },
    );
  }

  private async emailOf(principal: Principal): Promise<string | null> {
    const email = (await this.users.findById(principal.userId))?.email?.trim();
    return email ? email : null;
  }

  private summarise(invitation: Invitation, roleNames: ReadonlyMap<string, string>): InvitationSummary {
    return {
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      roleName: roleNames.get(invitation.role) ?? invitation.role,
      invitedBy: { userId: invitation.invitedById, displayName: invitation.invitedByName },
      invitedAt: invitation.invitedAt.toISOString(),
      expiresAt: invitation.expiresAt.toISOString(),
      status: invitation.expiresAt.getTime() > Date.now() ? 'pending' : 'expired',
    };
  }

  private scope(tenantId: string): TenantScope<Invitation> {
    return new TenantScope(this.invitations, tenantId);
  }
}

/** Plain-English refusals for an invitation that can no longer be answered. */
function assertOpen(invitation: Invitation): void {
  if (invitation.acceptedAt) throw new ConflictException('You have already accepted this invitation.');
  if (invitation.declinedAt) {
    throw new ConflictException('You declined this invitation. Ask the organisation to invite you again.');
  }
  if (invitation.revokedAt) throw new GoneException('The organisation withdrew this invitation.');
  if (invitation.expiresAt.getTime() <= Date.now()) {
    throw new GoneException(
      `This invitation expired on ${invitation.expiresAt.toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'Europe/London',
      })}. Ask ${invitation.invitedByName} to invite you again.`,
    );
  }
}
