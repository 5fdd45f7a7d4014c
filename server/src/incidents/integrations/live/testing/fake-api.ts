import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: unknown;
  /** The body as a form (AWS Query API), when it is one. */
  form: URLSearchParams;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as it is (XML for AWS), with `headers['content-type']`. */
  text?: string;
}

/**
 * A local stand-in for one product's API, for tests of the live clients: it checks the
 * credentials each request carries, answers on the product's paths in its shapes, and can be told
 * to throttle (`rateLimitNext`, 429 with Retry-After) or to answer slowly (`delayMs`).
 */
export abstract class FakeApi {
  /** Every request received, in order (after the throttle and auth checks too). */
  readonly requests: FakeRequest[] = [];
  /** Milliseconds to wait before answering each request. */
  delayMs = 0;
  private throttleCount = 0;
  private throttleRetryAfter = '0';
  private server: Server | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  /** `http://127.0.0.1:<port>`, once started. */
  url = '';

  /** True when the request carries the credentials this fake was created with. */
  protected abstract authorized(request: FakeRequest): boolean;
  /** The product's answer to bad credentials. */
  protected abstract unauthorized(request: FakeRequest): FakeReply;
  /** The product's answer when throttling (the 429 and its body); Retry-After is added. */
  protected abstract throttled(request: FakeRequest): FakeReply;
  /** The product's answer, or undefined for an unknown path. */
  protected abstract route(request: FakeRequest): FakeReply | undefined;
  /** The product's 404. */
  protected abstract notFound(request: FakeRequest): FakeReply;

  /** The next `count` requests are refused as throttled, each with `Retry-After: retryAfter`. */
  rateLimitNext(count: number, retryAfter = '0'): void {
    this.throttleCount = count;
    this.throttleRetryAfter = retryAfter;
  }

  async start(): Promise<this> {
    this.server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        const request: FakeRequest = {
          method: incoming.method ?? 'GET',
          url: new URL(incoming.url ?? '/', this.url),
          headers: incoming.headers,
          body,
          json,
          form: new URLSearchParams(json === undefined ? body : ''),
        };
        const reply = this.answer(request);
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          const text = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
          outgoing.writeHead(reply.status ?? 200, {
            ...(reply.json !== undefined ? { 'content-type': 'application/json' } : {}),
            ...reply.headers,
          });
          outgoing.end(text);
        }, this.delayMs);
        this.timers.add(timer);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private answer(request: FakeRequest): FakeReply {
    if (this.throttleCount > 0) {
      this.throttleCount--;
      const reply = this.throttled(request);
      return { ...reply, headers: { ...reply.headers, 'retry-after': this.throttleRetryAfter } };
    }
    if (!this.authorized(request)) return this.unauthorized(request);
    this.requests.push(request);
    return this.route(request) ?? this.notFound(request);
  }
}

/** `Basic base64(user:secret)`, as products expect it. */
export const basicAuth = (user: string, secret: string): string =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

/** Test timing: short enough for tests, long enough to tell a slow answer from a quick one. */
export const FAST_OPTIONS = { timeoutMs: 300, maxAttempts: 3, maxRetryWaitMs: 50 };
