import { hostname } from 'node:os';
import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import type { EnvironmentVariables } from '../config/environment-variables.js';
import { REDACTED, redactionPaths, redactUrl } from './redaction.js';

export type RootLogger = Logger;

/**
 * The one pino logger of the process: JSON lines on stdout, secrets and personal data redacted.
 * Created before Nest (so start-up of the embedded database is logged the same way) and handed
 * to nestjs-pino, which binds the request id to every line logged while serving a request.
 */
export function createRootLogger(
  env: Pick<EnvironmentVariables, 'LOG_LEVEL' | 'ROLE'>,
  destination?: DestinationStream,
): RootLogger {
  const options = {
    level: env.LOG_LEVEL,
    base: { service: 'trustops', role: env.ROLE, pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: redactionPaths(), censor: REDACTED },
    serializers: { err: stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The request as pino-http hands it to a serializer (already reduced by pino's standard one). */
interface SerializedRequest {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
}

interface SerializedResponse {
  statusCode?: number;
}

/** What a request log line says about the request: no body, and a URL with its secrets redacted. */
export function serializeRequest(request: SerializedRequest): object {
  return {
    method: request.method,
    url: redactUrl(request.url ?? ''),
    headers: request.headers,
    remoteAddress: request.remoteAddress,
  };
}

/** The status only: response headers are long (security headers) and say little. */
export function serializeResponse(response: SerializedResponse): object {
  return { statusCode: response.statusCode };
}
