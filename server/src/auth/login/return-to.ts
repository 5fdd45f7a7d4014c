/**
 * Where to send someone after sign-in: only a path on this site (`/runs/42?tab=log`), never
 * another origin (`//evil.example`, `https://…`, `/\evil`), so the login cannot be used as an open
 * redirect. Anything else becomes `/`.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // Control characters are exactly what this check exists to refuse (header splitting, log forging).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  try {
    const url = new URL(value, 'http://trustops.invalid');
    if (url.origin !== 'http://trustops.invalid') return '/';
    // Never bounce back into the login machinery itself.
    if (url.pathname.startsWith('/auth/') || url.pathname.startsWith('/oidc/')) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
