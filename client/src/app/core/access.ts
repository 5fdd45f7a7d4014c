import { inject } from '@angular/core';
import { type CanActivateFn, type GuardResult, RedirectCommand, Router } from '@angular/router';
import {
  PERMISSION_LABELS,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLES,
  type Permission,
  type RoleName,
} from '@trustops/contracts';
import type { Area } from './areas';
import { BrowserLocation } from './browser-location';
import { SessionService, signInUrl } from './session.service';

export const NO_ACCESS_PATH = 'no-access';

/** Why the no-access page is showing. */
export type NoAccessReason = 'permission' | 'unknown';

/**
 * Guards a route with the same permission map the server enforces. Pass several permissions to
 * let in anyone holding at least one of them; the first is the one the no-access page explains.
 *
 * - signed in with the permission: the page opens;
 * - signed in without it: "You don't have access to this page", at the same address;
 * - signed out: off to sign in, and back to this page afterwards;
 * - the session cannot be checked: the no-access page says so and offers to try again.
 */
export function requirePermission(...permissions: [Permission, ...Permission[]]): CanActivateFn {
  return (_route, state) => checkAccess(permissions, state.url);
}

/** What {@link requirePermission} decides for opening `url`. Call it in an injection context (a guard). */
export function checkAccess(permissions: readonly [Permission, ...Permission[]], url: string): Promise<GuardResult> {
  const router = inject(Router);
  const browserLocation = inject(BrowserLocation);
  const session = inject(SessionService);
  return session.whenSettled().then((settled) => {
    switch (settled.kind) {
      case 'signed-in':
        return session.canAny(permissions)
          ? true
          : noAccess(router, { reason: 'permission', permission: permissions[0], page: url });
      case 'signed-out':
        browserLocation.assign(signInUrl(url));
        return false;
      case 'unknown':
        return noAccess(router, { reason: 'unknown', page: url });
    }
  });
}

function noAccess(
  router: Router,
  queryParams: { reason: NoAccessReason; permission?: Permission; page: string },
): RedirectCommand {
  // Shown in place of the page, keeping its address: reloading asks again, and Back still works.
  return new RedirectCommand(router.createUrlTree(['/', NO_ACCESS_PATH], { queryParams }), {
    skipLocationChange: true,
  });
}

/** The built-in roles that hold `permission`, in the order ARCHITECTURE.md lists them. */
export function rolesThatCan(permission: Permission): RoleName[] {
  return ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}

/** "a Compliance officer or an Administrator". */
export function describeRolesThatCan(permission: Permission): string {
  const labels = rolesThatCan(permission).map((role) => withArticle(ROLE_LABELS[role]));
  if (labels.length <= 1) {
    return labels[0] ?? 'an administrator';
  }
  return `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}

/** "read the audit trail", from "Read the audit trail". */
export function permissionPhrase(permission: Permission): string {
  const label = PERMISSION_LABELS[permission];
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function withArticle(noun: string): string {
  return /^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

/**
 * Whether the navigation and the home page offer `area`: pages for everyone always; guarded areas
 * when the person holds one of their permissions, or while signed out (opening one asks them to
 * sign in). Nothing guarded is offered until the session is known, so nothing flashes up and away.
 */
export function isAreaOpenTo(area: Area, session: SessionService): boolean {
  if (!area.permissions) {
    return true;
  }
  switch (session.state().kind) {
    case 'signed-in':
      return session.canAny(area.permissions);
    case 'signed-out':
    case 'unknown':
      return true;
    case 'loading':
      return false;
  }
}
