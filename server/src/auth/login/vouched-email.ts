/**
 * The email address the identity provider vouches for, or null. Invitations to an organisation
 * are answered by whoever signs in with the invited address, so an address the provider says it
 * has not verified (`email_verified: false`, as Entra ID or Google may send for addresses a
 * person typed in themselves) is not kept: anyone could claim it. NHS CIS2 sends no
 * `email_verified`; its addresses come from the organisation's directory and are kept.
 */
export function vouchedEmail(claims: Record<string, unknown>): string | null {
  const email = claims['email'];
  if (typeof email !== 'string' || !email.trim()) return null;
  const verified = claims['email_verified'];
  if (verified === false || verified === 'false') return null;
  return email.trim();
}
