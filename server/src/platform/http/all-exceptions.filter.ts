import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER, requestIdOf, type RequestWithId } from '../logging/request-id.js';
import { toErrorBody } from './error-body.js';

/** The one exception filter: every HTTP error leaves as `{ statusCode, error, message, requestId }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptions');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      // WebSocket gateways and queue workers report their own errors.
      this.logger.error({ err: asError(exception) }, `Unhandled error in a ${host.getType()} context`);
      return;
    }
    const http = host.switchToHttp();
    const request = http.getRequest<RequestWithId>();
    const response = http.getResponse<ServerResponse>();
    const requestId = requestIdOf(request);
    const { body, unexpected } = toErrorBody(exception, requestId);
    if (unexpected) {
      this.logger.error({ err: asError(exception), requestId }, `Unhandled error serving ${describe(request)}`);
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    response.setHeader(REQUEST_ID_HEADER, requestId);
    this.adapterHost.httpAdapter.reply(response, body, body.statusCode);
  }
}

function asError(exception: unknown): Error {
  return exception instanceof Error ? exception : new Error(String(exception));
}

function describe(request: IncomingMessage): string {
  return `${request.method ?? '?'} ${(request.url ?? '').split('?')[0]}`;
}
