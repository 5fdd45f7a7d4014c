import { HttpException, HttpStatus } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import type { Request } from 'express';
import { toErrorBody } from '../platform/http/error-body.js';
import type { AuditActionRule } from './audit-action.decorators.js';
import type { AuditActor, AuditOutcome } from './audit.types.js';
import type { JsonValue } from './canonical-json.js';
import { redactPersonalData } from './redaction.js';

/** The methods that change state. GET, HEAD and OPTIONS are not audited automatically. */
export const AUDITED_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What a request acted on, as the automatic audit records it. */
export interface RequestAuditTarget {
  action: string;
  resource: { type: string; id: string | null };
  successRecordedBy: AuditActionRule['successRecordedBy'];
}

export interface RouteHandlerDescription {
  /** The controller class's name, e.g. `IncidentsController`. */
  controllerName: string;
  /** The handler method's name, e.g. `close`. */
  handlerName: string;
  /** The route as declared, e.g. `/api/incidents/:id/close`. */
  routePath: string;
  params: Record<string, unknown>;
  rule?: AuditActionRule;
}

const MAX_BODY_SUMMARY_LENGTH = 8_000;
const MAX_SUMMARY_KEYS = 50;
const SEGMENT = /^[A-Za-z][\w-]*$/;
const PARAMETER = /^:(\w+)$/;
const DENIED_STATUSES: ReadonlySet<number> = new Set([HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN]);

/**
 * The action and resource of a handler: the `@AuditAction`/`@AuditedByHandler` declaration where
 * there is one, otherwise `<controller>.<handler>` in kebab-case (`IncidentsController.closeIncident`
 * → `incidents.close-incident`) on the route's last `segment/:param` pair (`incidents/:id` →
 * resource `incidents` with the id in `:id`), or its last segment when it has no parameter.
 */
export function auditTargetOf(handler: RouteHandlerDescription): RequestAuditTarget {
  const segments = handler.routePath.split('/').filter(Boolean);
  let derivedType: string | undefined;
  let derivedIdParam: string | undefined;
  for (let index = segments.length - 1; index >= 0 && derivedType === undefined; index--) {
    const parameter = PARAMETER.exec(segments[index] ?? '')?.[1];
    const previous = segments[index - 1];
    if (parameter !== undefined && previous !== undefined && SEGMENT.test(previous)) {
      derivedType = previous;
      derivedIdParam = parameter;
    }
  }
  derivedType ??= segments.findLast((segment) => SEGMENT.test(segment));
  const controller = kebabCase(handler.controllerName.replace(/Controller$/, '')) || 'app';
  const rule = handler.rule;
  const idParam = rule?.resourceIdParam ?? derivedIdParam;
  const id = idParam === undefined ? undefined : handler.params[idParam];
  return {
    action: rule?.action ?? `${controller}.${kebabCase(handler.handlerName) || 'handle'}`,
    resource: {
      type: rule?.resourceType ?? derivedType ?? controller,
      id: typeof id === 'string' && id !== '' ? id : null,
    },
    successRecordedBy: rule?.successRecordedBy ?? 'interceptor',
  };
}

/** The declared path of a controller handler: the controller's prefix joined with the method's path. */
export function routePathOf(controller: object, handler: object): string {
  const first = (value: unknown) => (Array.isArray(value) ? (value[0] as unknown) : value);
  const parts = [
    first(Reflect.getMetadata(PATH_METADATA, controller)),
    first(Reflect.getMetadata(PATH_METADATA, handler)),
  ];
  return `/${parts
    .filter((part): part is string => typeof part === 'string')
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
}

/**
 * Who made the request: the signed-in person or API token, or `system`/`anonymous` (with the
 * address it came from) when nobody is signed in.
 */
export function auditActorOf(request: Request): AuditActor {
  const origin = { ip: request.ip ?? null, userAgent: request.get('user-agent') ?? null };
  const principal = request.principal;
  if (!principal) return { type: 'system', userId: 'anonymous', displayName: null, role: null, ...origin };
  return {
    type: principal.via === 'api_token' ? 'api-token' : 'person',
    userId: principal.userId,
    displayName: principal.displayName,
    role: principal.roles.length > 0 ? principal.roles.join(', ') : null,
    ...origin,
  };
}

/**
 * The request body as stored in `after`: personal data, secrets, tokens and CSRF fields redacted;
 * a body too large to keep whole is reduced to its size and top-level keys.
 */
export function summariseRequestBody(body: unknown): JsonValue | null {
  if (body === undefined || body === null) return null;
  const redacted = redactPersonalData(body);
  const size = JSON.stringify(redacted).length;
  if (size <= MAX_BODY_SUMMARY_LENGTH) return redacted;
  const keys =
    redacted !== null && typeof redacted === 'object' && !Array.isArray(redacted) ? Object.keys(redacted) : [];
  return { truncated: true, size, keys: keys.slice(0, MAX_SUMMARY_KEYS) };
}

/**
 * How a request that threw is recorded: refused by access control (401, 403) is `denied`, anything
 * else `failure`, with the status and the message the caller was given. An unexpected error's own
 * message stays in the log (found by the request id): it may quote data, and the trail is forever.
 */
export function auditFailureOf(
  error: unknown,
  requestId: string,
): { outcome: Exclude<AuditOutcome, 'success'>; reason: string } {
  if (error instanceof HttpException) {
    const { body } = toErrorBody(error, requestId);
    const denied = DENIED_STATUSES.has(body.statusCode);
    return { outcome: denied ? 'denied' : 'failure', reason: `${body.statusCode} ${body.error}: ${body.message}` };
  }
  const name = error instanceof Error ? error.name : typeof error;
  return {
    outcome: 'failure',
    reason: `500 Internal Server Error: unexpected ${name} (details in the server log under this request id)`,
  };
}

function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '');
}
