import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ApiTokenListResponse, CreateApiTokenResponse } from '@trustops/contracts';
import type { Request } from 'express';
import { AuditedByHandler } from '../../audit/audit-action.decorators.js';
import { RequirePermission } from '../../rbac/access.decorators.js';
import { CurrentPrincipal, type Principal } from '../../rbac/principal.js';
import { ApiTokensService } from './api-tokens.service.js';
import { CreateApiTokenDto } from './dto/create-api-token.dto.js';

/** The caller's own personal API tokens, in the active tenant. */
@ApiTags('API tokens')
@Controller('api/tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @RequirePermission('tokens:manage')
  @ApiOperation({ summary: 'List your API tokens (never their secrets)' })
  async list(@CurrentPrincipal() principal: Principal): Promise<ApiTokenListResponse> {
    return { items: await this.tokens.list(principal) };
  }

  @Post()
  @RequirePermission('tokens:manage')
  @AuditedByHandler('api-token.created', { resourceType: 'api-token' })
  @ApiOperation({ summary: 'Create an API token; the secret is in this response only' })
  create(
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApiTokenDto,
  ): Promise<CreateApiTokenResponse> {
    return this.tokens.create(request, principal, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('tokens:manage')
  @AuditedByHandler('api-token.revoked', { resourceType: 'api-token', resourceIdParam: 'id' })
  @ApiOperation({ summary: 'Revoke one of your API tokens' })
  async revoke(
    @Req() request: Request,
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('There is no such API token.') }))
    id: string,
  ): Promise<void> {
    await this.tokens.revoke(request, principal, id);
  }
}
