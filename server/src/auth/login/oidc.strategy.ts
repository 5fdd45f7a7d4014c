import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import * as client from 'openid-client';
import { Strategy, type AuthenticateOptions, type StrategyOptionsWithRequest } from 'openid-client/passport';
import { CALLBACK_PATH } from '../auth-settings.js';

export const OIDC_STRATEGY = 'trustops-oidc';

/** What the strategy hands to the login controller after a successful callback. */
export interface OidcLoginTokens {
  idToken: string;
  accessToken: string;
  claims: Record<string, unknown>;
}

/**
 * openid-client's passport strategy (authorisation code + PKCE), plus `state` and `nonce` on every
 * request: the library adds those only when the provider lacks PKCE, but CIS2 and our own policy
 * want all three. They are kept in the session and checked on the way back.
 */
export class OidcStrategy extends PassportStrategy(Strategy, OIDC_STRATEGY) {
  constructor(options: Omit<StrategyOptionsWithRequest, 'passReqToCallback' | 'name'>) {
    super({ ...options, name: OIDC_STRATEGY, passReqToCallback: true } satisfies StrategyOptionsWithRequest);
  }

  override authorizationRequestParams<TOptions extends AuthenticateOptions>(
    request: Request,
    options: TOptions,
  ): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(request, options));
    params.set('state', client.randomState());
    params.set('nonce', client.randomNonce());
    return params;
  }

  /** The callback never starts a new login, even without `code` (the provider then sent an error, or someone typed the URL). */
  override shouldInitiateAuthRequest<TOptions extends AuthenticateOptions>(
    request: Request,
    currentUrl: URL,
    options: TOptions,
  ): boolean {
    return currentUrl.pathname !== CALLBACK_PATH && super.shouldInitiateAuthRequest(request, currentUrl, options);
  }

  validate(
    _request: Request,
    tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
  ): OidcLoginTokens {
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new Error('The identity provider returned no ID token');
    return { idToken: tokens.id_token, accessToken: tokens.access_token, claims: { ...claims } };
  }
}
