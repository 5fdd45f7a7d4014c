import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LOGIN_ERROR_PATH } from '../auth-settings.js';
import { LoginFailedException } from './login-failure.js';
import { LoginService } from './login.service.js';

/** A failed sign-in becomes a redirect to a friendly page (and an audit record), never a JSON error. */
@Catch(LoginFailedException)
export class LoginFailureFilter implements ExceptionFilter<LoginFailedException> {
  constructor(private readonly login: LoginService) {}

  async catch(exception: LoginFailedException, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    await this.login.recordFailure(request, exception.reason, exception.detail);
    if (!response.headersSent) response.redirect(303, `${LOGIN_ERROR_PATH}?reason=${exception.reason}`);
  }
}
