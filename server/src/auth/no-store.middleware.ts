import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * `Cache-Control: no-store` on every API answer. Without it the browser keeps `GET /api/session`
 * and the data behind it in its HTTP cache, and Back after signing out reloads the page from that
 * cache: the previous person's name and pages reappear on a shared NHS computer. A handler that
 * means to be cached sets its own header, which replaces this one.
 */
@Injectable()
export class NoStoreMiddleware implements NestMiddleware {
  use(_request: Request, response: Response, next: NextFunction): void {
    response.setHeader('Cache-Control', 'no-store');
    next();
  }
}
