import { INTEGRATION_LABELS, type IntegrationHealth, type IntegrationName } from '@trustops/contracts';
import { IntegrationError, type IntegrationCall } from '../providers.js';

/** How patient a live client is; from INTEGRATION_HTTP_* in production, shorter in tests. */
export interface LiveHttpOptions {
  /** Time limit of one HTTP attempt. */
  timeoutMs: number;
  /** Attempts in all (the first one included) when the product answers 429/503 or says it is throttling. */
  maxAttempts: number;
  /** The longest single wait between attempts, whatever Retry-After asks for. */
  maxRetryWaitMs: number;
}

export const DEFAULT_LIVE_HTTP_OPTIONS: LiveHttpOptions = { timeoutMs: 15_000, maxAttempts: 3, maxRetryWaitMs: 30_000 };

export type QueryValue = string | number | boolean | undefined | Array<string | number>;

export interface LiveRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Appended to the base URL (which may carry a path of its own, e.g. Slack's `/api`). */
  path: string;
  /** Arrays repeat the key (`statuses[]=a&statuses[]=b` when the key ends in `[]`). */
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is (set its content-type in `headers`). */
  body?: unknown;
  /** The sentence for a 404, e.g. "ServiceNow has no incident INC0010001." */
  notFound?: string;
}

export interface LiveResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** The request as it will be sent, for signing (AWS) or adding auth headers. */
export interface OutgoingRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
}

/** What differs between products: how they authenticate, and how they say what went wrong. */
export interface ProductDialect {
  integration: IntegrationName;
  /** Adds the credentials to one attempt (called again for each retry, so signatures stay fresh). */
  authorize(request: OutgoingRequest): Record<string, string>;
  /** The sentence for a refused credential, naming the setting to check; never the secret itself. */
  authFailure(response: LiveResponse): string;
  /** The product's own error text out of its error body (shapes differ per product). */
  errorDetail(response: LiveResponse): string | undefined;
  /** Products that throttle without a 429 (AWS answers 400 `Throttling`). */
  isThrottled?(response: LiveResponse): boolean;
  /** Products that report a refused credential on another status (AWS: 400 `UnrecognizedClientException`). */
  isAuthFailure?(response: LiveResponse): boolean;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Retry-After is either seconds or an HTTP date; absent or unreadable: exponential backoff. */
export function retryDelayMs(retryAfter: string | null, attempt: number, capMs: number): number {
  let wait = 500 * 2 ** (attempt - 1);
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) wait = seconds * 1000;
    else if (!Number.isNaN(Date.parse(retryAfter))) wait = Date.parse(retryAfter) - Date.now();
  }
  return Math.min(Math.max(wait, 0), capMs);
}

function buildUrl(baseUrl: string, path: string, query: LiveRequest['query']): URL {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
  }
  return url;
}

const truncate = (text: string, length = 200): string => (text.length > length ? `${text.slice(0, length)}…` : text);

/**
 * The one HTTP path of every live client: time limit per attempt (AbortSignal, joined with the
 * caller's), retries on 429/503 honouring Retry-After up to a cap, and every failure turned into an
 * `IntegrationError` whose message says what happened in plain English. Messages carry the
 * product's error text and the address's origin, never a header value.
 */
export class LiveHttpClient {
  readonly label: string;

  constructor(
    private readonly baseUrl: string,
    private readonly dialect: ProductDialect,
    private readonly options: LiveHttpOptions = DEFAULT_LIVE_HTTP_OPTIONS,
  ) {
    this.label = INTEGRATION_LABELS[dialect.integration];
  }

  /** Sends the request and returns the parsed JSON of a 2xx answer. */
  async json<T>(call: IntegrationCall, request: LiveRequest): Promise<T> {
    return (await this.send(call, request)).json as T;
  }

  async send(call: IntegrationCall, request: LiveRequest): Promise<LiveResponse> {
    const url = buildUrl(this.baseUrl, request.path, request.query);
    const isJson = request.body !== undefined && typeof request.body !== 'string';
    const body = isJson ? JSON.stringify(request.body) : (request.body as string | undefined);
    const baseHeaders: Record<string, string> = {
      accept: 'application/json',
      ...(isJson ? { 'content-type': 'application/json' } : {}),
      ...request.headers,
    };
    for (let attempt = 1; ; attempt++) {
      const outgoing: OutgoingRequest = { method: request.method ?? 'GET', url, headers: { ...baseHeaders }, body };
      outgoing.headers = { ...outgoing.headers, ...this.dialect.authorize(outgoing) };
      const response = await this.attempt(call, outgoing);
      if (response.status >= 200 && response.status < 300) return response;
      const throttled = response.status === 429 || this.dialect.isThrottled?.(response) === true;
      if ((throttled || response.status === 503) && attempt < this.options.maxAttempts) {
        await sleep(
          retryDelayMs(response.headers.get('retry-after'), attempt, this.options.maxRetryWaitMs),
          call.signal,
        ).catch(() => {
          throw this.error(`The call to ${this.label} was cancelled.`, false);
        });
        continue;
      }
      throw this.failure(response, request, throttled, attempt);
    }
  }

  private async attempt(call: IntegrationCall, outgoing: OutgoingRequest): Promise<LiveResponse> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    try {
      const response = await fetch(outgoing.url, {
        method: outgoing.method,
        headers: outgoing.headers,
        body: outgoing.body,
        signal,
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, headers: response.headers, text, json };
    } catch (error) {
      if (call.signal?.aborted) throw this.error(`The call to ${this.label} was cancelled.`, false);
      if (timeout.aborted) {
        throw this.error(
          `${this.label} did not answer within ${Math.round(this.options.timeoutMs / 100) / 10} seconds.`,
          true,
        );
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw this.error(`Could not reach ${this.label} at ${outgoing.url.origin} (${reason}). Check its address.`, true);
    }
  }

  private failure(
    response: LiveResponse,
    request: LiveRequest,
    throttled: boolean,
    attempts: number,
  ): IntegrationError {
    const { status } = response;
    const detail = this.dialect.errorDetail(response);
    const because = detail ? `: ${truncate(detail)}` : '.';
    if (status === 401 || status === 403 || this.dialect.isAuthFailure?.(response) === true) {
      return this.error(this.dialect.authFailure(response), false, status);
    }
    if (throttled) {
      // Reported as 429 whatever the product used (AWS throttles with 400 or 503), so callers see one signal.
      return this.error(
        `${this.label} is limiting how often TrustOps may call it and still refused after ${attempts} attempts. Try again in a minute.`,
        true,
        429,
      );
    }
    if (status === 404 && request.notFound) return this.error(request.notFound, false, status);
    if (status >= 500) return this.error(`${this.label} had a problem of its own (${status})${because}`, true, status);
    return this.error(`${this.label} refused the request (${status})${because}`, false, status);
  }

  private error(message: string, retryable: boolean, status?: number): IntegrationError {
    return new IntegrationError(this.dialect.integration, message, retryable, status);
  }
}

/**
 * Runs pages until there is no next one or `limit` items are in hand. `fetchPage` gets the
 * cursor of the page to read (undefined for the first) and returns its items and the next cursor.
 */
export async function collectPages<Item, Cursor>(
  fetchPage: (cursor: Cursor | undefined) => Promise<{ items: Item[]; next: Cursor | undefined }>,
  limit = Number.POSITIVE_INFINITY,
  maxPages = 50,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: Cursor | undefined;
  for (let page = 0; page < maxPages && items.length < limit; page++) {
    const result = await fetchPage(cursor);
    items.push(...result.items);
    if (result.next === undefined || result.items.length === 0) break;
    cursor = result.next;
  }
  return items.slice(0, limit);
}

/**
 * A provider's `health`: `not_configured` when settings are missing, otherwise a cheap
 * authenticated call timed; a failure becomes `unavailable` (or `degraded` when only throttled).
 * Never throws.
 */
export async function probeHealth(
  integration: IntegrationName,
  missing: string | null,
  probe: () => Promise<void>,
): Promise<IntegrationHealth> {
  const label = INTEGRATION_LABELS[integration];
  const checkedAt = new Date().toISOString();
  if (missing) return { status: 'not_configured', message: missing, checkedAt, latencyMs: null };
  const started = Date.now();
  try {
    await probe();
    return {
      status: 'healthy',
      message: `${label} answers with these credentials.`,
      checkedAt,
      latencyMs: Date.now() - started,
    };
  } catch (error) {
    const message = error instanceof IntegrationError ? error.message : `${label} could not be checked.`;
    const status = error instanceof IntegrationError && error.status === 429 ? 'degraded' : 'unavailable';
    return { status, message, checkedAt, latencyMs: Date.now() - started };
  }
}

/** The sentence for a live integration whose settings are incomplete; calls throw it, health shows it. */
export function notConfigured(integration: IntegrationName, settings: string): string {
  return `${INTEGRATION_LABELS[integration]} is not configured for live use: set ${settings}.`;
}

/** Throws the not-configured error when `missing` says something is missing. */
export function requireConfigured(integration: IntegrationName, missing: string | null): void {
  if (missing) throw new IntegrationError(integration, missing, false);
}
