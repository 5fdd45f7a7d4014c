/** Replaces every redacted value in a log line. */
export const REDACTED = '[redacted]';

/** Credentials and anything that would let a reader act as someone else. */
export const SECRET_FIELDS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'password',
  'passphrase',
  'secret',
  'clientSecret',
  'client_secret',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'apiKey',
  'api_key',
  'privateKey',
  'private_key',
  'sessionId',
  'mfaCode',
  'otp',
] as const;

/** Patient and member identifiers (NHS and US payer data alike): never written to logs. */
export const PERSONAL_DATA_FIELDS = [
  'nhsNumber',
  'nhs_number',
  'dateOfBirth',
  'date_of_birth',
  'dob',
  'patientName',
  'patient_name',
  'firstName',
  'first_name',
  'lastName',
  'last_name',
  'givenName',
  'given_name',
  'familyName',
  'family_name',
  'fullName',
  'full_name',
  'address',
  'postcode',
  'phoneNumber',
  'phone_number',
  'memberId',
  'member_id',
  'subscriberId',
  'subscriber_id',
  'ssn',
] as const;

/** How deep into a logged object a field is still found (pino's redaction takes explicit paths). */
const MAX_DEPTH = 4;

/**
 * pino `redact` paths: each sensitive field at the top of a log line and up to four levels below
 * it (so `req.headers.authorization` and `body.patient.nhsNumber` are both covered).
 */
export function redactionPaths(fields: readonly string[] = [...SECRET_FIELDS, ...PERSONAL_DATA_FIELDS]): string[] {
  const paths: string[] = [];
  for (const field of fields) {
    const segment = /^[A-Za-z_$][\w$]*$/.test(field) ? `.${field}` : `["${field}"]`;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const wildcards = Array.from({ length: depth }, () => '*').join('.');
      paths.push(wildcards ? `${wildcards}${segment}` : segment.replace(/^\./, ''));
    }
  }
  return paths;
}

const SENSITIVE_QUERY_PARAMETERS = new Set(
  [...SECRET_FIELDS, ...PERSONAL_DATA_FIELDS, 'code', 'state', 'key', 'sig', 'signature'].map((field) =>
    field.toLowerCase(),
  ),
);

/** A request URL fit for a log line: values of sensitive query parameters replaced. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const parameters = new URLSearchParams(url.slice(queryStart + 1));
  let changed = false;
  for (const name of [...parameters.keys()]) {
    if (SENSITIVE_QUERY_PARAMETERS.has(name.toLowerCase())) {
      parameters.set(name, REDACTED);
      changed = true;
    }
  }
  return changed ? `${url.slice(0, queryStart)}?${parameters.toString()}` : url;
}
