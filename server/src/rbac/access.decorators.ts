import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Permission } from '@trustops/contracts';

export const ACCESS_METADATA = 'trustops:access';

/** What a handler declares about who may call it; the global AccessGuard enforces it. */
export type AccessRule =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: Permission };

const SESSION_COOKIE_SCHEME = 'session';
const API_TOKEN_SCHEME = 'apiToken';

/** Anyone may call this handler, signed in or not. */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule), ApiSecurity({}));
}

/** Any signed-in person may call this handler, whatever their permissions (their own session, tokens). */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'authenticated' } satisfies AccessRule),
    ApiCookieAuth(SESSION_COOKIE_SCHEME),
    ApiBearerAuth(API_TOKEN_SCHEME),
    ApiUnauthorizedResponse({ description: 'Not signed in.' }),
  );
}

/** Signed-in callers holding `permission` in their active tenant may call this handler. */
export function RequirePermission(permission: Permission): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'permission', permission } satisfies AccessRule),
    ApiCookieAuth(SESSION_COOKIE_SCHEME),
    ApiBearerAuth(API_TOKEN_SCHEME),
    ApiUnauthorizedResponse({ description: 'Not signed in.' }),
    ApiForbiddenResponse({ description: `Needs the ${permission} permission in the active tenant.` }),
  );
}
