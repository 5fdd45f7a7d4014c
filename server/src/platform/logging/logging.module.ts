import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { RootLogger } from './logger.js';
import { serializeRequest, serializeResponse } from './logger.js';
import { redactUrl } from './redaction.js';
import { requestIdOf, type RequestWithId } from './request-id.js';

/** Probes and scrapes would drown everything else. */
const QUIET_PATHS = /^\/(health\/|metrics($|\?))/;

/**
 * nestjs-pino over the root logger: one JSON line per request, and the request id on every line
 * logged while serving it (Nest's own logger included, once main.ts calls `app.useLogger`).
 */
@Module({})
export class LoggingModule {
  static forRoot(logger: RootLogger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            // The id was chosen by requestIdMiddleware, which runs before everything else.
            genReqId: (request: IncomingMessage) => requestIdOf(request as RequestWithId),
            customAttributeKeys: { reqId: 'requestId' },
            quietReqLogger: true,
            autoLogging: { ignore: (request: IncomingMessage) => QUIET_PATHS.test(request.url ?? '') },
            customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
              error || response.statusCode >= 500 ? 'error' : 'info',
            customSuccessMessage: (request: IncomingMessage, response: ServerResponse, responseTime: number) =>
              `${request.method} ${redactUrl(request.url ?? '')} ${response.statusCode} in ${Math.round(responseTime)} ms`,
            customErrorMessage: (request: IncomingMessage, response: ServerResponse) =>
              `${request.method} ${redactUrl(request.url ?? '')} failed with ${response.statusCode}`,
            serializers: { req: serializeRequest, res: serializeResponse },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
