import { Injectable } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config.js';
import { PermanentStepError, type StepContext, type StepHandler, type StepOutcome } from '../runs/step-handler.js';
import { HostAllowList } from './host-allow-list.js';
import { durationParameter, isTemplate, knownParameters, oneOf, problemsOf, requiredText } from './step-parameters.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
/** Methods that change nothing, so repeating them after an unclear failure is harmless. */
const SAFE_METHODS: ReadonlySet<Method> = new Set(['GET', 'HEAD']);
const MAX_TIMEOUT_MILLISECONDS = 5 * 60_000;
/** Response headers never copied into the step's output (the output is shown on the run page). */
const HIDDEN_RESPONSE_HEADERS = new Set([
  'set-cookie',
  'set-cookie2',
  'authorization',
  'proxy-authenticate',
  'www-authenticate',
]);
/** Network errors raised before anything was sent: repeating the request is safe for any method. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface HttpRequest {
  url: URL;
  method: Method;
  headers: Headers;
  body?: string;
  timeoutMs: number;
  failOnStatus: boolean;
}

/**
 * `http.request`: calls an HTTP API on a host in `HTTP_STEP_ALLOWED_HOSTS`.
 * `with: { url, method?, headers?, body?, timeout?, failOnStatus? }`; a `body` that is not text is
 * sent as JSON. Output `{ status, headers, body }` (JSON bodies parsed). Redirects are not
 * followed (they could lead to a host that is not allowed). Responses larger than
 * `HTTP_STEP_MAX_RESPONSE_BYTES` are refused.
 *
 * Retries: GET and HEAD may be repeated by the engine after any transient failure. Other methods
 * send the step's effect key as `Idempotency-Key`; an unclear failure (a timeout, a dropped
 * connection, a 5xx) fails them permanently, because the server may already have acted: a
 * person checks and retries the step from the run page.
 */
@Injectable()
export class HttpRequestStep implements StepHandler {
  readonly type = 'http.request';
  private readonly allowList: HostAllowList;

  constructor(private readonly config: AppConfig) {
    this.allowList = new HostAllowList(config.env.HTTP_STEP_ALLOWED_HOSTS);
  }

  validate(params: Record<string, unknown>): string[] {
    // A templated address is only known when the step runs; the rest can be checked now.
    const templated = isTemplate(params['url']);
    const known = knownParameters(params);
    return problemsOf(
      () => void this.request(templated ? { ...known, url: 'https://template.invalid/' } : known, null, !templated),
    );
  }

  async execute(context: StepContext): Promise<StepOutcome> {
    const request = this.request(context.params, context.effectKey, true);
    const described = `${request.method} ${request.url.origin}${request.url.pathname}`;
    const timeout = AbortSignal.timeout(request.timeoutMs);
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.any([context.signal, timeout]),
      });
    } catch (error) {
      if (context.signal.aborted) throw error;
      if (timeout.aborted)
        throw this.unclear(
          request,
          `${described} did not answer within ${Math.round(request.timeoutMs / 1000)} s`,
          error,
        );
      const code = networkErrorCode(error);
      if (code && NOT_SENT_CODES.has(code))
        throw new Error(`${described} could not be reached (${code}).`, { cause: error });
      throw this.unclear(request, `${described} failed (${code ?? (error as Error).message})`, error);
    }
    const body = await this.readBody(response, described);
    if (request.failOnStatus && response.status >= 400) {
      const message = `${described} answered ${response.status} ${response.statusText}`.trim();
      if (response.status === 408 || response.status === 429) throw new Error(`${message}; it may be retried.`);
      if (response.status >= 500) throw this.unclear(request, message);
      throw new PermanentStepError(`${message}.`);
    }
    const headers = Object.fromEntries([...response.headers].filter(([name]) => !HIDDEN_RESPONSE_HEADERS.has(name)));
    return { status: 'succeeded', output: { status: response.status, headers, body } };
  }

  /** A failure after which the server may or may not have acted. */
  private unclear(request: HttpRequest, message: string, cause?: unknown): Error {
    if (SAFE_METHODS.has(request.method)) return new Error(`${message}.`, { cause });
    return new PermanentStepError(
      `${message}. ${request.method} is not repeated automatically because the server may already have acted; check, then retry the step.`,
      { cause },
    );
  }

  private request(params: Record<string, unknown>, effectKey: string | null, checkHost: boolean): HttpRequest {
    const type = this.type;
    const text = requiredText(params, 'url', type, '"https://api.example.nhs.uk/status"');
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new PermanentStepError(
        `${type}: "${text}" is not a web address; write it in full, such as https://api.example.nhs.uk/status.`,
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new PermanentStepError(`${type}: only http and https addresses can be called.`);
    if (url.username || url.password)
      throw new PermanentStepError(`${type}: put credentials in a header, not in the address.`);
    if (checkHost && !this.allowList.allows(url)) {
      const allowed = this.allowList.configured.length
        ? `allowed hosts are: ${this.allowList.configured.join(', ')}`
        : 'no hosts are allowed yet';
      throw new PermanentStepError(
        `${type}: calls to ${url.host} are not allowed (${allowed}); an administrator can add it to HTTP_STEP_ALLOWED_HOSTS.`,
      );
    }
    const method = oneOf(params, 'method', METHODS, 'GET', type);
    const headers = this.headers(params['headers']);
    let body: string | undefined;
    if (params['body'] !== undefined && params['body'] !== null) {
      if (SAFE_METHODS.has(method)) throw new PermanentStepError(`${type}: a ${method} request cannot have a body.`);
      if (typeof params['body'] === 'string') {
        body = params['body'];
        if (!headers.has('content-type')) headers.set('content-type', 'text/plain; charset=utf-8');
      } else {
        body = JSON.stringify(params['body']);
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      }
    }
    if (effectKey && !SAFE_METHODS.has(method) && !headers.has('idempotency-key'))
      headers.set('idempotency-key', effectKey);
    const timeoutMs = durationParameter(
      params,
      'timeout',
      type,
      this.config.env.HTTP_STEP_TIMEOUT_MS,
      MAX_TIMEOUT_MILLISECONDS,
    );
    const failOnStatus = params['failOnStatus'] === undefined ? true : params['failOnStatus'];
    if (typeof failOnStatus !== 'boolean')
      throw new PermanentStepError(`${type}: "failOnStatus" must be true or false.`);
    return { url, method, headers, body, timeoutMs, failOnStatus };
  }

  private headers(value: unknown): Headers {
    const headers = new Headers();
    if (value === undefined || value === null) return headers;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new PermanentStepError(`${this.type}: "headers" must be a mapping of header names to values.`);
    }
    for (const [name, headerValue] of Object.entries(value)) {
      if (typeof headerValue !== 'string' && typeof headerValue !== 'number') {
        throw new PermanentStepError(`${this.type}: the header "${name}" must be text.`);
      }
      try {
        headers.set(name, String(headerValue));
      } catch {
        throw new PermanentStepError(`${this.type}: "${name}" is not a valid header.`);
      }
    }
    return headers;
  }

  /** Reads the body up to the size limit; JSON is parsed, anything else kept as text. */
  private async readBody(response: Response, described: string): Promise<unknown> {
    const limit = this.config.env.HTTP_STEP_MAX_RESPONSE_BYTES;
    const tooLarge = () =>
      new PermanentStepError(`${described} sent more than ${limit} bytes; the limit is HTTP_STEP_MAX_RESPONSE_BYTES.`);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limit) {
      await response.body?.cancel();
      throw tooLarge();
    }
    if (!response.body) return null;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > limit) {
        await response.body.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text === '') return null;
    if (/[/+]json\b/i.test(response.headers.get('content-type') ?? '')) {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    }
    return text;
  }
}

function networkErrorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}
