import { WsException } from '@nestjs/websockets';
import { PERMISSION_LABELS, type Permission } from '@trustops/contracts';
import type { Principal } from './principal.js';

/** The WebSocket twin of `@RequirePermission`: call before subscribing a socket to anything. */
export function assertSocketPermission(
  principal: Principal | undefined,
  permission: Permission,
): asserts principal is Principal {
  if (!principal) throw new WsException('Sign in to use TrustOps.');
  if (!principal.permissions.has(permission)) {
    throw new WsException(
      `You do not have permission to do this: it needs "${PERMISSION_LABELS[permission]}" (${permission}).`,
    );
  }
}
