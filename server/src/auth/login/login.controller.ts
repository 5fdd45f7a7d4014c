import { Controller, Get, HttpCode, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LogoutResponse } from '@trustops/contracts';
import type { Request, Response } from 'express';
import { AuditedByHandler } from '../../audit/audit-action.decorators.js';
import { AccessAudit } from '../../rbac/access-audit.service.js';
import { Public } from '../../rbac/access.decorators.js';
import { escapeHtml, renderPage } from '../html-page.js';
import { SessionService } from '../session/session.service.js';
import { isLoginFailureReason, LOGIN_FAILURE_MESSAGES } from './login-failure.js';
import { LoginFailureFilter } from './login-failure.filter.js';
import { LoginService } from './login.service.js';
import { OidcClientService } from './oidc-client.service.js';
import { OidcLoginGuard } from './oidc-login.guard.js';
import type { OidcLoginTokens } from './oidc.strategy.js';
import { safeReturnTo } from './return-to.js';

/** OpenID Connect sign-in and sign-out. Browsers navigate here; these are not JSON APIs. */
@ApiTags('Sign-in')
@Controller('auth')
@UseFilters(LoginFailureFilter)
export class LoginController {
  constructor(
    private readonly login: LoginService,
    private readonly sessions: SessionService,
    private readonly oidc: OidcClientService,
    private readonly audit: AccessAudit,
  ) {}

  @Get('login')
  @Public()
  @UseGuards(OidcLoginGuard)
  @ApiOperation({ summary: 'Start sign-in: redirects to the identity provider (returnTo: a path on this site)' })
  startLogin(@Query('returnTo') returnTo: unknown, @Res() response: Response): void {
    // Reached only when already signed in; otherwise the guard has redirected to the provider.
    response.redirect(303, safeReturnTo(returnTo));
  }

  @Get('callback')
  @Public()
  @UseGuards(OidcLoginGuard)
  @ApiExcludeEndpoint()
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const returnTo = safeReturnTo(request.session?.['returnTo']);
    const completed = await this.login.complete(request, request.user as OidcLoginTokens);
    await this.sessions.establish(request, response, {
      userId: completed.user.id,
      tenantId: completed.tenant.id,
      data: { idToken: completed.idToken },
    });
    response.redirect(303, returnTo);
  }

  @Post('logout')
  @Public()
  @AuditedByHandler('auth.signed-out', { resourceType: 'user' })
  @HttpCode(303)
  @ApiOperation({
    summary: 'Sign out: ends the session, then sends the browser to the provider to end its session too',
    description:
      'Answers 303 to the next address, or 200 `{ redirectTo }` when the request accepts JSON. Needs X-CSRF-Token (or a `_csrf` form field) when signed in.',
  })
  async logout(@Req() request: Request, @Res() response: Response): Promise<void> {
    const principal = request.principal;
    let redirectTo = '/';
    if (principal?.via === 'session') {
      const idToken = request.sessionRecord?.data['idToken'];
      await this.sessions.end(request, response);
      await this.audit.record(request, principal, {
        tenantId: principal.tenantId,
        action: 'auth.signed-out',
        resource: { type: 'user', id: principal.userId },
      });
      redirectTo = (await this.oidc.endSessionUrl(typeof idToken === 'string' ? idToken : undefined)) ?? '/';
    }
    if (request.accepts(['html', 'json']) === 'json') {
      response.status(200).json({ redirectTo } satisfies LogoutResponse);
    } else {
      response.redirect(303, redirectTo);
    }
  }

  @Get('error')
  @Public()
  @ApiExcludeEndpoint()
  failure(@Query('reason') reason: unknown, @Res() response: Response): void {
    const message = isLoginFailureReason(reason)
      ? LOGIN_FAILURE_MESSAGES[reason]
      : 'Sign-in did not complete. Please try again.';
    response
      .status(200)
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        renderPage({
          title: 'Sign-in problem',
          body: `<div class="card error"><h1>There is a problem signing you in</h1><p>${escapeHtml(message)}</p>
<p><a class="button" href="/auth/login">Sign in again</a></p></div>`,
        }),
      );
  }
}
