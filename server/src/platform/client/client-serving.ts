import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { findRepositoryRoot } from '../app-info.js';
import { ROUTE_LABEL } from '../metrics/metrics.service.js';

/** Paths the server answers itself; everything else may be a route of the Angular app. */
export const SERVER_PATH_PREFIXES = ['/api', '/health', '/metrics', '/auth', '/oidc', '/socket.io'] as const;

export function isServerPath(path: string): boolean {
  return SERVER_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** CLIENT_DIST_DIR, or the Angular build's output in the repository. */
export function resolveClientDistDir(configured: string | undefined): string {
  return configured ? resolve(configured) : join(findRepositoryRoot(), 'client', 'dist', 'browser');
}

export const CLIENT_NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>TrustOps: web client not built</title></head>
<body>
<h1>The TrustOps web client has not been built yet</h1>
<p>The server is running, but there is no web client to show. From the repository folder, run:</p>
<pre>npx nx build client</pre>
<p>then reload this page. (The API is up: see <a href="/api/docs">/api/docs</a> and <a href="/health/ready">/health/ready</a>.)</p>
</body>
</html>
`;

/**
 * Serves the built Angular client: its files as they are (hashed bundles cached for a year),
 * and index.html for any other GET outside the server's own paths, so that deep links work.
 * A missing file with an extension stays a 404.
 */
export function clientMiddleware(distDir: string): express.RequestHandler {
  const files = express.static(distDir, {
    index: false,
    setHeaders: (response, path) => {
      if (/[-.][A-Z0-9]{8,}\.(js|css|woff2?)$/i.test(path)) {
        response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });
  const indexFile = join(distDir, 'index.html');
  return (request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isServerPath(request.path)) return next();
    (request as Request & { [ROUTE_LABEL]?: string })[ROUTE_LABEL] = 'client';
    files(request, response, () => {
      if (extname(request.path) !== '') return next();
      response.setHeader('Cache-Control', 'no-cache');
      if (existsSync(indexFile)) return response.sendFile(indexFile);
      response.status(503).type('html').send(CLIENT_NOT_BUILT_PAGE);
    });
  };
}
