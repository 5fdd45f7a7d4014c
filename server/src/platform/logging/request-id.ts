import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-ID';

/** Letters, digits and `._:-`, up to 128 characters: safe to log and to echo in a header. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of a request: the caller's `X-Request-ID` when it is a sane token (so a trace started by a
 * proxy or the browser carries through), otherwise a new UUID.
 */
export function chooseRequestId(incoming: string | string[] | undefined): string {
  const candidate = Array.isArray(incoming) ? incoming[0] : incoming;
  return candidate !== undefined && SANE_REQUEST_ID.test(candidate) ? candidate : randomUUID();
}

export type RequestWithId = IncomingMessage & { id?: string | number | object };

/** The request id given by {@link requestIdMiddleware}, or a new one if it never ran. */
export function requestIdOf(request: RequestWithId): string {
  return typeof request.id === 'string' ? request.id : chooseRequestId(undefined);
}

/**
 * Runs first on every request: gives it an id (`req.id`, read by the logger and the exception
 * filter) and echoes it in the `X-Request-ID` response header.
 */
export function requestIdMiddleware(request: RequestWithId, response: ServerResponse, next: () => void): void {
  const id = chooseRequestId(request.headers['x-request-id']);
  request.id = id;
  response.setHeader(REQUEST_ID_HEADER, id);
  next();
}
