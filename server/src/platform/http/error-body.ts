import { STATUS_CODES } from 'node:http';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { ErrorBody } from '@trustops/contracts';

export interface ShapedError {
  body: ErrorBody;
  /** Not an HttpException: a bug or an outage, to be logged with its stack. */
  unexpected: boolean;
}

export function unexpectedErrorMessage(requestId: string): string {
  return `Something went wrong on our side. It has been logged; if it keeps happening, contact support and quote request ID ${requestId}.`;
}

/**
 * Turns anything thrown while serving a request into the one error shape of the API. Only
 * HttpExceptions are trusted to carry a message meant for the caller; anything else becomes a
 * 500 that reveals nothing about the internals.
 */
export function toErrorBody(exception: unknown, requestId: string): ShapedError {
  if (!(exception instanceof HttpException)) {
    return {
      body: {
        statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
        error: reasonPhrase(HttpStatus.INTERNAL_SERVER_ERROR),
        message: unexpectedErrorMessage(requestId),
        requestId,
      },
      unexpected: true,
    };
  }
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const body: ErrorBody = { statusCode, error: reasonPhrase(statusCode), message: exception.message, requestId };
  if (typeof response === 'string') {
    body.message = response;
  } else if (typeof response === 'object' && response !== null) {
    const { message, details } = response as { message?: unknown; details?: unknown };
    if (typeof message === 'string') {
      body.message = message;
    } else if (isStringArray(message)) {
      // Nest's own pipes put a list of problems in `message`.
      body.message = message.join('; ');
      body.details = message;
    }
    if (isStringArray(details)) body.details = details;
  }
  return { body, unexpected: false };
}

function reasonPhrase(statusCode: number): string {
  return STATUS_CODES[statusCode] ?? 'Error';
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
