import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { platformVersion } from '../app-info.js';
import { clientMiddleware, resolveClientDistDir } from '../client/client-serving.js';
import { AppConfig } from '../config/app-config.js';
import { requestIdMiddleware } from '../logging/request-id.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { setUpOpenApi } from './openapi.js';
import { probesOnlyMiddleware, runsApi } from './role-routes.js';
import { corsOptions, helmetOptions } from './security.js';

/**
 * Everything about the HTTP server that is not a module: middleware order, security headers,
 * CORS, body limits, OpenAPI and the client. main.ts and the integration tests both call it,
 * before `listen`/`init`. (The validation pipe and the exception filter are providers of
 * HttpPlatformModule, so they apply wherever AppModule is used.)
 */
export function configureApplication(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  const role = config.env.ROLE;

  // Order matters: the id first so every later line can carry it, then timing.
  app.use(requestIdMiddleware);
  app.use(app.get(MetricsService).middleware);
  app.use(helmet(helmetOptions(config)));
  app.enableCors(corsOptions(config));
  app.useBodyParser('json', { limit: config.env.BODY_LIMIT });
  app.useBodyParser('urlencoded', { extended: true, limit: config.env.BODY_LIMIT });
  app.disable('x-powered-by');

  if (!runsApi(role)) {
    app.use(probesOnlyMiddleware(role));
    return;
  }
  setUpOpenApi(app, platformVersion());
  app.use(clientMiddleware(resolveClientDistDir(config.env.CLIENT_DIST_DIR)));
}
