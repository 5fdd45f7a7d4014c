import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AcceptInvitationResponse, ReceivedInvitationListResponse } from '@trustops/contracts';
import type { Request } from 'express';
import { AuditedByHandler } from '../audit/audit-action.decorators.js';
import { Authenticated } from './access.decorators.js';
import { invitationIdPipe } from './invitation-id.pipe.js';
import { InvitationsService } from './invitations.service.js';
import { CurrentPrincipal, type Principal } from './principal.js';

/**
 * The signed-in person's own invitations, to the email their identity provider gave them. Any
 * signed-in person may call these; an invitation to someone else is not found (404).
 */
@ApiTags('Invitations')
@Controller('api/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'List the invitations to join an organisation that are waiting for the signed-in person' })
  received(@CurrentPrincipal() principal: Principal): Promise<ReceivedInvitationListResponse> {
    return this.invitations.received(principal);
  }

  @Post(':invitationId/accept')
  @HttpCode(200)
  @Authenticated()
  @AuditedByHandler('invitation.accepted', { resourceType: 'invitation', resourceIdParam: 'invitationId' })
  @ApiOperation({ summary: 'Join the organisation with the role the invitation offers' })
  accept(
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
    @Param('invitationId', invitationIdPipe()) invitationId: string,
  ): Promise<AcceptInvitationResponse> {
    return this.invitations.accept(request, principal, invitationId);
  }

  @Post(':invitationId/decline')
  @HttpCode(204)
  @Authenticated()
  @AuditedByHandler('invitation.declined', { resourceType: 'invitation', resourceIdParam: 'invitationId' })
  @ApiOperation({ summary: 'Turn the invitation down' })
  async decline(
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
    @Param('invitationId', invitationIdPipe()) invitationId: string,
  ): Promise<void> {
    await this.invitations.decline(request, principal, invitationId);
  }
}
