import { SESSION_COOKIE } from '../auth-settings.js';

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

export interface BrowserRequest {
  method?: string;
  headers?: Record<string, string>;
  /** A form (URLSearchParams) or a JSON body. */
  body?: unknown;
}

/**
 * Just enough of a browser for sign-in tests: a cookie jar (by name and path), and redirects
 * followed by hand so each hop can be inspected.
 */
export class TestBrowser {
  private readonly jar = new Map<string, StoredCookie>();

  constructor(readonly origin: string) {}

  async request(pathOrUrl: string, init: BrowserRequest = {}): Promise<Response> {
    const url = new URL(pathOrUrl, this.origin);
    if (url.origin !== this.origin) throw new Error(`The test browser only visits ${this.origin}, not ${url.origin}`);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url.pathname);
    if (cookie) headers.set('cookie', cookie);
    let body: string | undefined;
    if (init.body instanceof URLSearchParams) {
      body = init.body.toString();
      headers.set('content-type', 'application/x-www-form-urlencoded');
    } else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers.set('content-type', 'application/json');
    }
    const response = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) this.store(header);
    return response;
  }

  /** Follows redirects from `response` (each hop a GET) until one answers without a Location, or `stop` says so. */
  async follow(
    response: Response,
    stop: (location: URL) => boolean = () => false,
    maxHops = 20,
  ): Promise<{ response: Response; location?: URL }> {
    let current = response;
    for (let hop = 0; hop < maxHops; hop += 1) {
      const location = current.headers.get('location');
      if (!location || current.status < 300 || current.status >= 400) return { response: current };
      const next = new URL(location, this.origin);
      await current.body?.cancel();
      if (stop(next)) return { response: current, location: next };
      current = await this.request(next.href);
    }
    throw new Error('Too many redirects');
  }

  cookie(name: string): string | undefined {
    return [...this.jar.values()].find((cookie) => cookie.name === name)?.value;
  }

  get sessionCookie(): string | undefined {
    return this.cookie(SESSION_COOKIE);
  }

  /** The raw `Set-Cookie` headers of `response` for `name`. */
  static setCookieHeaders(response: Response, name: string): string[] {
    return response.headers.getSetCookie().filter((header) => header.startsWith(`${name}=`));
  }

  private cookieHeader(path: string): string {
    return [...this.jar.values()]
      .filter(
        (cookie) =>
          path === cookie.path ||
          path.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`) ||
          cookie.path === '/',
      )
      .sort((a, b) => b.path.length - a.path.length)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  private store(header: string): void {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    let path = '/';
    let expired = value === '';
    for (const attribute of attributes) {
      const [key = '', attributeValue = ''] = attribute.split('=');
      if (key.toLowerCase() === 'path') path = attributeValue || '/';
      if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) expired = true;
      if (key.toLowerCase() === 'expires' && new Date(attributeValue).getTime() < Date.now()) expired = true;
    }
    const key = `${name};${path}`;
    if (expired) this.jar.delete(key);
    else this.jar.set(key, { name, value, path });
  }
}
