import type { ErrorBody } from '@trustops/contracts';

/** An answer from the server that was not a success, with the server's own plain-English message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MILLISECONDS = 30_000;

/** The few calls the CLI makes to a TrustOps server, authenticated with a personal API token. */
export class TrustOpsApi {
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MILLISECONDS),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new ApiError(0, `Cannot reach TrustOps at ${this.baseUrl}${cause ? ` (${cause})` : ''}.`);
    }
    const text = await response.text();
    if (!response.ok) throw new ApiError(response.status, errorMessage(response.status, text));
    return JSON.parse(text) as T;
  }
}

function errorMessage(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as Partial<ErrorBody> & { message?: unknown };
    const message = Array.isArray(body.message)
      ? body.message.join(' ')
      : typeof body.message === 'string'
        ? body.message
        : '';
    if (message) return message;
  } catch {
    // Not JSON: fall through to the status.
  }
  if (status === 401) return 'The API token was not accepted (missing, expired or revoked).';
  return `The server answered HTTP ${status}.`;
}
