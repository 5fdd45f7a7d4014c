import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';

/** The OpenAPI document of every controller, at /api/docs (UI) and /api/docs-json. */
export function setUpOpenApi(app: INestApplication, version: string): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('TrustOps API')
      .setDescription(
        'AI-assisted operational work for NHS Trusts, done safely. Every error has the shape { statusCode, error, message, requestId }.',
      )
      .setVersion(version)
      .addCookieAuth(
        'trustops.sid',
        {
          type: 'apiKey',
          in: 'cookie',
          description: 'Browser session (sign in at /auth/login); changes also need X-CSRF-Token.',
        },
        'session',
      )
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Personal API token: trustops_pat_…' }, 'apiToken')
      .build(),
  );
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    customSiteTitle: 'TrustOps API',
  });
}
