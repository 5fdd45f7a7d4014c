import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { CSRF_HEADER } from '@trustops/contracts';
import { SessionService } from './session.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Adds the session's CSRF token to every state-changing request to TrustOps itself. The server
 * refuses cookie-authenticated POST, PUT, PATCH and DELETE requests without it.
 */
export const csrfInterceptor: HttpInterceptorFn = (request, next) => {
  if (SAFE_METHODS.has(request.method) || !isSameOrigin(request.url) || request.headers.has(CSRF_HEADER)) {
    return next(request);
  }
  // Injected only here, for a state-changing request: the session service itself uses HttpClient.
  const token = inject(SessionService).csrfToken();
  return next(token ? request.clone({ setHeaders: { [CSRF_HEADER]: token } }) : request);
};

/** Our API is addressed by path (`/api/...`); never hand the token to another origin. */
function isSameOrigin(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//');
}
