import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface.js';
import type { HelmetOptions } from 'helmet';
import type { AppConfig } from '../config/app-config.js';

/**
 * Security headers. The Content-Security-Policy lets the Angular build run (its own scripts only)
 * while allowing the inline styles Angular Material sets; everything else is same-origin.
 */
export function helmetOptions(config: AppConfig): HelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Browsers would try https for every asset of a plain-http development server.
        upgradeInsecureRequests: config.isProduction ? [] : null,
      },
    },
    strictTransportSecurity: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

/** CORS is closed unless CORS_ORIGINS lists the origins allowed to call the API from a browser. */
export function corsOptions(config: AppConfig): CorsOptions {
  const origins = config.env.CORS_ORIGINS;
  return origins.length === 0
    ? { origin: false }
    : { origin: origins, credentials: true, exposedHeaders: ['X-Request-ID'], maxAge: 600 };
}
