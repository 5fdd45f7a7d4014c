import { createPrivateKey, type KeyObject } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import passport from 'passport';
import * as client from 'openid-client';
import { AuthSettings } from '../auth-settings.js';
import { jwkThumbprint } from '../jwk-thumbprint.js';
import { LoginFailedException } from './login-failure.js';
import { OIDC_STRATEGY, OidcStrategy } from './oidc.strategy.js';

/** The relying party: discovery (lazily, since the development provider is served by this very app), the passport strategy, userinfo and logout URLs. */
@Injectable()
export class OidcClientService {
  private readonly logger = new Logger(OidcClientService.name);
  private configuration?: Promise<client.Configuration>;
  private strategy?: OidcStrategy;

  constructor(private readonly settings: AuthSettings) {}

  /** Registers our strategy with passport (again, if another app in this process replaced it). */
  async ensureStrategy(): Promise<void> {
    const configuration = await this.getConfiguration();
    this.strategy ??= new OidcStrategy({
      config: configuration,
      callbackURL: this.settings.callbackUrl,
      scope: this.settings.scopes,
      sessionKey: 'oidc',
    });
    const registered = (passport as unknown as { _strategy(name: string): unknown })._strategy(OIDC_STRATEGY);
    if (registered !== this.strategy) passport.use(OIDC_STRATEGY, this.strategy);
  }

  async fetchUserInfo(accessToken: string, subject: string): Promise<Record<string, unknown>> {
    const configuration = await this.getConfiguration();
    if (!configuration.serverMetadata().userinfo_endpoint) return {};
    return { ...(await client.fetchUserInfo(configuration, accessToken, subject)) };
  }

  /** The provider's end-session URL for this person, or undefined when it has none. */
  async endSessionUrl(idToken: string | undefined): Promise<string | undefined> {
    try {
      const configuration = await this.getConfiguration();
      if (!configuration.serverMetadata().end_session_endpoint) return undefined;
      const parameters: Record<string, string> = {
        post_logout_redirect_uri: this.settings.postLogoutRedirectUrl,
        client_id: this.settings.clientId,
      };
      if (idToken) parameters['id_token_hint'] = idToken;
      return client.buildEndSessionUrl(configuration, parameters).href;
    } catch (error) {
      this.logger.warn(`No provider sign-out: ${String(error)}`);
      return undefined;
    }
  }

  getConfiguration(): Promise<client.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      this.logger.error(`Discovery of ${this.settings.issuer} failed: ${String(error)}`);
      throw new LoginFailedException('provider-unavailable', String(error), { cause: error });
    });
    return this.configuration;
  }

  private async discover(): Promise<client.Configuration> {
    const insecure = this.settings.issuer.startsWith('http:');
    return client.discovery(
      new URL(this.settings.issuer),
      this.settings.clientId,
      undefined,
      this.clientAuthentication(),
      {
        execute: insecure ? [client.allowInsecureRequests] : [],
        timeout: 10,
      },
    );
  }

  private clientAuthentication(): client.ClientAuth {
    if (this.settings.clientAuth === 'client_secret_basic') return client.ClientSecretBasic(this.settings.clientSecret);
    const pem = this.settings.clientPrivateKeyPem;
    if (!pem) throw new Error('OIDC_CLIENT_AUTH=private_key_jwt needs OIDC_PRIVATE_KEY_PATH');
    const keyObject = createPrivateKey(pem);
    const key = keyObject.toCryptoKey(webCryptoAlgorithm(this.settings.clientPrivateKeyAlg), false, ['sign']);
    return client.PrivateKeyJwt({ key, kid: this.settings.clientPrivateKeyId ?? jwkThumbprint(keyObject) });
  }
}

function webCryptoAlgorithm(alg: string): Parameters<KeyObject['toCryptoKey']>[0] {
  const hash = `SHA-${alg.slice(2)}`;
  if (alg.startsWith('RS')) return { name: 'RSASSA-PKCS1-v1_5', hash };
  if (alg.startsWith('PS')) return { name: 'RSA-PSS', hash };
  return { name: 'ECDSA', namedCurve: alg === 'ES384' ? 'P-384' : 'P-256' };
}
