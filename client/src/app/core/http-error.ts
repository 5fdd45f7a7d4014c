import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorBody } from '@trustops/contracts';

/** A sentence for a person: the API's own `message` when it gave one, otherwise what the status means. */
export function describeHttpError(error: unknown, fallback = 'Something went wrong. Try again.'): string {
  if (!(error instanceof HttpErrorResponse)) {
    return fallback;
  }
  const body: unknown = error.error;
  if (isErrorBody(body)) {
    return body.details?.length ? `${body.message} ${body.details.join(' ')}` : body.message;
  }
  switch (error.status) {
    case 0:
      return 'We could not reach TrustOps. Check your connection and try again.';
    case 401:
      return 'Your session has ended. Sign in again to carry on.';
    case 403:
      return 'You do not have permission to do that.';
    case 404:
      return 'We could not find that. It may have been removed.';
    default:
      return error.status >= 500 ? 'TrustOps had a problem answering. Try again in a moment.' : fallback;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}
