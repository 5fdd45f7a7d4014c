/** Why a sign-in failed, as the friendly error page and the audit trail name it. */
export type LoginFailureReason =
  'cancelled' | 'invalid-response' | 'provider-unavailable' | 'account-disabled' | 'no-organisation';

export const LOGIN_FAILURE_MESSAGES: Record<LoginFailureReason, string> = {
  cancelled: 'Sign-in was cancelled. You can try again whenever you are ready.',
  'invalid-response':
    'We could not confirm this sign-in. This happens when a sign-in link is used twice, in another browser, or after too long. Please start again.',
  'provider-unavailable':
    'The sign-in service could not be reached. Please try again in a few minutes, or contact the service desk if it keeps happening.',
  'account-disabled':
    'Your TrustOps account has been disabled. Contact your TrustOps administrator if you need access.',
  'no-organisation':
    'Your account is not linked to an organisation that uses TrustOps. Contact your TrustOps administrator.',
};

export function isLoginFailureReason(value: unknown): value is LoginFailureReason {
  return typeof value === 'string' && value in LOGIN_FAILURE_MESSAGES;
}

/** Thrown by the login guard and service; the login controller's filter turns it into a redirect to the error page. */
export class LoginFailedException extends Error {
  override readonly name = 'LoginFailedException';

  constructor(
    readonly reason: LoginFailureReason,
    readonly detail?: string,
    options?: ErrorOptions,
  ) {
    super(`Sign-in failed (${reason})${detail ? `: ${detail}` : ''}`, options);
  }
}
