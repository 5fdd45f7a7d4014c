import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, concatMap, from, mergeMap, takeLast, throwError, type Observable } from 'rxjs';
import { RequestAudit } from './request-audit.service.js';

/**
 * Records every POST, PUT, PATCH and DELETE that reaches a controller: success, failure (with
 * the error's status and message) and, for 401/403 raised by handlers, denial. Requests refused
 * by AccessGuard never get here; the guard records those itself.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly requestAudit: RequestAudit) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const attempt = this.requestAudit.begin(context);
    if (!attempt) return next.handle();
    return next.handle().pipe(
      catchError((error: unknown) =>
        from(this.requestAudit.recordFailure(attempt, error)).pipe(mergeMap(() => throwError(() => error))),
      ),
      takeLast(1),
      // Awaited before the response is sent, and an unwritable record fails the request (500): a change the trail cannot show must not look successful.
      concatMap(async (value: unknown) => {
        await this.requestAudit.recordSuccess(attempt);
        return value;
      }),
    );
  }
}
