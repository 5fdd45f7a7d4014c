import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Express } from 'express';
import { RbacModule } from '../rbac/rbac.module.js';
import { TenancyModule } from '../tenancy/tenancy.module.js';
import { AuthSettings } from './auth-settings.js';
import { AuthenticationMiddleware } from './authentication.middleware.js';
import { DevIdentityProviderHost } from './dev-identity-provider/dev-identity-provider.host.js';
import { LoginFailureFilter } from './login/login-failure.filter.js';
import { LoginController } from './login/login.controller.js';
import { LoginService } from './login/login.service.js';
import { NoStoreMiddleware } from './no-store.middleware.js';
import { OidcClientService } from './login/oidc-client.service.js';
import { OidcLoginGuard } from './login/oidc-login.guard.js';
import { PrincipalResolver } from './principal.resolver.js';
import { SessionCookie } from './session/session-cookie.js';
import { SessionController } from './session/session.controller.js';
import { Session } from './session/session.entity.js';
import { SessionService } from './session/session.service.js';
import { SessionStore } from './session/session.store.js';
import { SocketAuthenticator } from './socket-authenticator.js';
import { ApiToken } from './tokens/api-token.entity.js';
import { ApiTokensController } from './tokens/api-tokens.controller.js';
import { ApiTokensService } from './tokens/api-tokens.service.js';
import { UsersModule } from './users/users.module.js';

/**
 * Sign-in (OpenID Connect through @nestjs/passport and openid-client), server-side sessions,
 * CSRF, personal API tokens, WebSocket authentication and — without OIDC_ISSUER — the
 * development identity provider. Access control itself is RbacModule's.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Session, ApiToken]), UsersModule, TenancyModule, RbacModule],
  controllers: [LoginController, SessionController, ApiTokensController],
  providers: [
    AuthSettings,
    SessionStore,
    SessionCookie,
    SessionService,
    PrincipalResolver,
    ApiTokensService,
    OidcClientService,
    OidcLoginGuard,
    LoginService,
    LoginFailureFilter,
    SocketAuthenticator,
    DevIdentityProviderHost,
    AuthenticationMiddleware,
    NoStoreMiddleware,
  ],
  exports: [SocketAuthenticator, RbacModule, TenancyModule, UsersModule],
})
export class AuthModule implements NestModule {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly devIdentityProvider: DevIdentityProviderHost,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    // Mounted here, before any controller route, because the provider serves its own paths.
    this.devIdentityProvider.mount(this.adapterHost.httpAdapter.getInstance<Express>());
    consumer
      .apply(AuthenticationMiddleware)
      .exclude(
        { path: 'oidc/{*path}', method: RequestMethod.ALL },
        { path: 'health/{*path}', method: RequestMethod.ALL },
        { path: 'metrics', method: RequestMethod.ALL },
      )
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
    consumer.apply(NoStoreMiddleware).forRoutes({ path: 'api/{*path}', method: RequestMethod.ALL });
  }
}
