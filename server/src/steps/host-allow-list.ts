/**
 * Which hosts `http.request` steps may call: `HTTP_STEP_ALLOWED_HOSTS`, comma-separated.
 * An entry is a host name (`api.example.nhs.uk`, any port), a host and port
 * (`127.0.0.1:8080`), or a wildcard for sub-domains (`*.example.nhs.uk`, not the bare domain).
 * Empty allows nothing: a runbook cannot reach the network until an administrator says where.
 */
export class HostAllowList {
  private readonly entries: ReadonlyArray<{ host: string; port?: string; subdomains: boolean }>;

  constructor(readonly configured: readonly string[]) {
    this.entries = configured.map((entry) => {
      const text = entry.trim().toLowerCase();
      const subdomains = text.startsWith('*.');
      const rest = subdomains ? text.slice(2) : text;
      const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(rest);
      return { host: match?.[1] ?? rest, port: match?.[2], subdomains };
    });
  }

  allows(url: URL): boolean {
    const host = url.hostname.toLowerCase();
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return this.entries.some((entry) => {
      const hostMatches = entry.subdomains ? host.endsWith(`.${entry.host}`) : host === entry.host;
      return hostMatches && (entry.port === undefined || entry.port === port);
    });
  }
}
