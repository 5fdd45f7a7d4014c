import { Injectable, Logger } from '@nestjs/common';
import type { Express } from 'express';
import { AuthSettings } from '../auth-settings.js';
import { DEV_IDENTITY_PROVIDER_PATH, DevIdentityProvider } from './dev-identity-provider.js';

/** Mounts the development identity provider at /oidc when no OIDC_ISSUER is configured. */
@Injectable()
export class DevIdentityProviderHost {
  private readonly logger = new Logger(DevIdentityProviderHost.name);
  private identityProvider?: DevIdentityProvider;

  constructor(private readonly settings: AuthSettings) {}

  get enabled(): boolean {
    return this.settings.usesDevelopmentIdentityProvider;
  }

  mount(app: Express): void {
    const state = this.settings.developmentIdentityProviderState;
    if (!this.enabled || !state) return;
    this.identityProvider ??= new DevIdentityProvider({
      issuer: this.settings.issuer,
      state,
      client: {
        clientId: this.settings.clientId,
        authMethod: this.settings.clientAuth,
        privateKeyPem: this.settings.clientPrivateKeyPem ?? state.clientPrivateKeyPem,
        privateKeyAlg: this.settings.clientPrivateKeyAlg,
        redirectUri: this.settings.callbackUrl,
        postLogoutRedirectUri: this.settings.postLogoutRedirectUrl,
      },
    });
    app.use(DEV_IDENTITY_PROVIDER_PATH, this.identityProvider.router);
    this.logger.warn(
      `Development identity provider at ${this.settings.issuer}: demo sign-in only, not for real patient data.`,
    );
  }
}
