import {
  BadRequestException,
  Catch,
  InternalServerErrorException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import { toErrorBody } from '../platform/http/error-body.js';
import { REQUEST_ID_HEADER, requestIdOf, type RequestWithId } from '../platform/logging/request-id.js';
import { AuditException, AuditExceptionCode } from './audit.exception.js';

/** Maps audit errors to HTTP, in the API's one error shape. */
@Catch(AuditException)
export class AuditExceptionFilter implements ExceptionFilter<AuditException> {
  private readonly logger = new Logger('Audit');

  catch(exception: AuditException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const requestId = requestIdOf(http.getRequest<RequestWithId>());
    const { body } = toErrorBody(this.toHttp(exception, requestId), requestId);
    const response = http.getResponse<Response>();
    if (response.headersSent) {
      response.end();
      return;
    }
    response.setHeader(REQUEST_ID_HEADER, requestId).status(body.statusCode).json(body);
  }

  private toHttp(exception: AuditException, requestId: string): BadRequestException | InternalServerErrorException {
    switch (exception.code) {
      case AuditExceptionCode.InvalidQuery:
        return new BadRequestException(exception.message);
      case AuditExceptionCode.InvalidEntry:
      case AuditExceptionCode.WriteFailed:
        // A module tried to record something malformed, or the trail is unavailable: our problem, not the caller's.
        this.logger.error({ err: exception, requestId }, 'Could not write an audit record');
        return new InternalServerErrorException(
          `Something went wrong on our side. It has been logged; if it keeps happening, contact support and quote request ID ${requestId}.`,
        );
    }
  }
}
