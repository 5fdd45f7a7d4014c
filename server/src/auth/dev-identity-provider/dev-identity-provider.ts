import { createPrivateKey, createPublicKey } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import Provider, { type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { jwkThumbprint } from '../jwk-thumbprint.js';
import { DEMO_USERS, findDemoUser, type DemoUser } from './demo-users.js';
import type { DevIdentityProviderState } from './dev-identity-provider-state.js';
import {
  renderLoginPage,
  renderLogoutPage,
  renderProviderErrorPage,
  renderSignedOutPage,
} from './dev-identity-provider-pages.js';

/** Where the development identity provider lives, below the public URL. */
export const DEV_IDENTITY_PROVIDER_PATH = '/oidc';

/** CIS2 authentication assurance for a smartcard sign-in; every demo sign-in reports it. */
export const DEMO_ACR = 'AAL3_ANY';

export interface DevIdentityProviderOptions {
  /** The provider's issuer: the public URL plus {@link DEV_IDENTITY_PROVIDER_PATH}. */
  issuer: string;
  state: DevIdentityProviderState;
  client: {
    clientId: string;
    authMethod: 'client_secret_basic' | 'private_key_jwt';
    /** PEM private key whose public half verifies private_key_jwt assertions. */
    privateKeyPem: string;
    privateKeyAlg: string;
    redirectUri: string;
    postLogoutRedirectUri: string;
  };
}

/**
 * An in-process OpenID provider (`oidc-provider`) standing in for NHS CIS2 when no real issuer is
 * configured: demo people with CIS2-shaped claims, its own sign-in page, consent implied for
 * TrustOps itself, PKCE always required.
 */
export class DevIdentityProvider {
  readonly provider: Provider;
  /** Express handler serving everything under {@link DEV_IDENTITY_PROVIDER_PATH}. */
  readonly router: Router;

  constructor(private readonly options: DevIdentityProviderOptions) {
    this.provider = new Provider(options.issuer, this.configuration());
    this.router = this.createRouter();
  }

  private configuration(): Configuration {
    const { client, state } = this.options;
    const clientMetadata: ClientMetadata = {
      client_id: client.clientId,
      client_name: 'TrustOps',
      redirect_uris: [client.redirectUri],
      post_logout_redirect_uris: [client.postLogoutRedirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: client.authMethod,
      ...(client.authMethod === 'client_secret_basic'
        ? { client_secret: state.clientSecret }
        : {
            token_endpoint_auth_signing_alg: client.privateKeyAlg,
            jwks: { keys: [clientPublicJwk(client.privateKeyPem)] },
          }),
    } as ClientMetadata;

    return {
      clients: [clientMetadata],
      jwks: { keys: state.signingKeys },
      cookies: { keys: state.cookieKeys },
      acrValues: [DEMO_ACR],
      scopes: ['openid', 'profile', 'email', 'nationalrbacaccess', 'associatedorgs', 'selectedrole'],
      claims: {
        acr: null,
        auth_time: null,
        iss: null,
        sid: null,
        openid: ['sub'],
        profile: ['name', 'given_name', 'family_name', 'uid', 'nhsid_useruid', 'title'],
        email: ['email'],
        nationalrbacaccess: ['nhsid_nrbac_roles'],
        associatedorgs: ['nhsid_user_orgs'],
        selectedrole: ['selected_roleid'],
      },
      findAccount: (_context, subject) => {
        const user = findDemoUser(subject);
        return user
          ? { accountId: user.subject, claims: () => ({ sub: user.subject, ...demoUserClaims(user) }) }
          : undefined;
      },
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: (context, form) => {
            context.type = 'html';
            context.body = renderLogoutPage(form);
          },
          postLogoutSuccessSource: (context) => {
            context.type = 'html';
            context.body = renderSignedOutPage();
          },
        },
      },
      enabledJWA: {
        clientAuthSigningAlgValues: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'],
      },
      pkce: { required: () => true },
      interactions: { url: (_context, interaction) => `${DEV_IDENTITY_PROVIDER_PATH}/interaction/${interaction.uid}` },
      // TrustOps is the provider's only client: consent is implied rather than asked for.
      loadExistingGrant: async (context) => loadOrCreateGrant(context),
      clientBasedCORS: () => false,
      renderError: (context, out) => {
        context.type = 'html';
        context.body = renderProviderErrorPage(out);
      },
      ttl: {
        AccessToken: 10 * 60,
        AuthorizationCode: 60,
        IdToken: 60 * 60,
        Interaction: 30 * 60,
        Session: 12 * 60 * 60,
        Grant: 12 * 60 * 60,
      },
    };
  }

  private createRouter(): Router {
    const router = express.Router();
    const form = express.urlencoded({ extended: false, limit: '10kb' });
    const provider = this.provider;

    router.get('/interaction/:uid', async (request: Request, response: Response, next) => {
      try {
        const details = await provider.interactionDetails(request, response);
        if (details.prompt.name !== 'login') {
          // Consent is implied (loadExistingGrant), so only the login prompt reaches this page.
          await provider.interactionFinished(request, response, {}, { mergeWithLastSubmission: true });
          return;
        }
        noStore(response);
        response.type('html').send(
          renderLoginPage({
            users: DEMO_USERS,
            loginAction: `${DEV_IDENTITY_PROVIDER_PATH}/interaction/${details.uid}/login`,
            abortAction: `${DEV_IDENTITY_PROVIDER_PATH}/interaction/${details.uid}/abort`,
          }),
        );
      } catch (error) {
        next(error);
      }
    });

    router.post('/interaction/:uid/login', form, async (request: Request, response: Response, next) => {
      try {
        await provider.interactionDetails(request, response);
        const submitted = (request.body as Record<string, unknown> | undefined)?.['subject'];
        const subject = typeof submitted === 'string' ? submitted : '';
        const user = findDemoUser(subject);
        if (!user) {
          response
            .status(400)
            .type('html')
            .send(renderProviderErrorPage({ error_description: 'Choose one of the people listed.' }));
          return;
        }
        await provider.interactionFinished(
          request,
          response,
          { login: { accountId: user.subject, acr: DEMO_ACR, amr: ['sc'] } },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        next(error);
      }
    });

    router.post('/interaction/:uid/abort', async (request: Request, response: Response, next) => {
      try {
        await provider.interactionFinished(
          request,
          response,
          { error: 'access_denied', error_description: 'Sign-in was cancelled.' },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        next(error);
      }
    });

    router.use(provider.callback());

    // Errors from interaction routes (an expired or unknown interaction): a page, never a stack trace.
    router.use((error: unknown, _request: Request, response: Response, _next: express.NextFunction) => {
      const description =
        error instanceof Error && 'error_description' in error && typeof error.error_description === 'string'
          ? error.error_description
          : 'This sign-in attempt has expired or is not recognised.';
      response
        .status(400)
        .type('html')
        .send(renderProviderErrorPage({ error_description: description }));
    });
    return router;
  }
}

/** CIS2-shaped claims of a demo person; the provider releases them by scope. */
export function demoUserClaims(user: DemoUser): Record<string, unknown> {
  return {
    name: user.name,
    given_name: user.givenName,
    family_name: user.familyName,
    uid: user.subject,
    nhsid_useruid: user.subject,
    title: user.jobTitle,
    email: user.email,
    nhsid_nrbac_roles: user.nationalRbacRoles,
    nhsid_user_orgs: [...new Set(user.nationalRbacRoles.map((role) => role.org_code))].map((orgCode) => ({
      org_code: orgCode,
      org_name: 'Northbridge University Hospitals NHS Foundation Trust',
    })),
    selected_roleid: user.selectedRoleId,
  };
}

async function loadOrCreateGrant(context: KoaContextWithOIDC) {
  const { oidc } = context;
  const clientId = oidc.client!.clientId;
  const grantId =
    (oidc.result?.['consent'] as { grantId?: string } | undefined)?.grantId ?? oidc.session!.grantIdFor(clientId);
  if (grantId) {
    const existing = await oidc.provider.Grant.find(grantId);
    if (existing) return existing;
  }
  const accountId = oidc.session?.accountId;
  if (!accountId) return undefined;
  const grant = new oidc.provider.Grant({ clientId, accountId });
  const scope = oidc.params?.['scope'];
  grant.addOIDCScope(typeof scope === 'string' ? scope : 'openid');
  await grant.save();
  return grant;
}

function clientPublicJwk(privateKeyPem: string): Record<string, unknown> {
  const privateKey = createPrivateKey(privateKeyPem);
  return { ...createPublicKey(privateKey).export({ format: 'jwk' }), use: 'sig', kid: jwkThumbprint(privateKey) };
}

function noStore(response: Response): void {
  response.set('Cache-Control', 'no-store');
  response.set('Pragma', 'no-cache');
}
