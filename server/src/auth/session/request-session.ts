import type { Session } from './session.entity.js';

declare module 'express-serve-static-core' {
  interface Request {
    /**
     * The session's free-form data (the login's PKCE verifier, state and nonce live here while
     * sign-in is under way). Changes are saved when the response ends.
     */
    session?: Record<string, unknown>;
    /** The session row behind the cookie, if any. */
    sessionRecord?: Session | null;
  }
}

export {};
