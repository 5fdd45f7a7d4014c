import type { JsonValue } from './canonical-json.js';

export const REDACTED = '[REDACTED]';

export interface RedactionOptions {
  /**
   * Keys the caller knows hold no personal data although their name suggests it, e.g. `name`
   * in a role summary. Free-text patterns (NHS numbers, emails, …) are still masked in them.
   */
  keepKeys?: readonly string[];
}

const MAX_DEPTH = 8;
const MAX_ARRAY_ITEMS = 100;
const MAX_STRING_LENGTH = 1000;

// Compared after lower-casing and removing everything but letters and digits: `date_of_birth` → `dateofbirth`.
const PERSONAL_KEYS = new Set([
  'name',
  'given',
  'family',
  'forename',
  'forenames',
  'middlename',
  'middlenames',
  'preferredname',
  'maidenname',
  'username',
  'initials',
  'nhsno',
  'chinumber',
  'mrn',
  'hospitalnumber',
  'ninumber',
  'nationalinsurancenumber',
  'dob',
  'birthday',
  'dateofdeath',
  'address',
  'addresses',
  'street',
  'postcode',
  'zip',
  'zipcode',
  'phone',
  'mobile',
  'fax',
  'email',
  'emails',
  'telecom',
  'otp',
  'pin',
  'passcode',
  'mfacode',
  'authorization',
  'cookie',
  'setcookie',
  'session',
  'sessionid',
  'signature',
]);

const PERSONAL_KEY_SUFFIXES = [
  'firstname',
  'lastname',
  'fullname',
  'givenname',
  'familyname',
  'surname',
  'displayname',
  'patientname',
  'nhsnumber',
  'dateofbirth',
  'birthdate',
  'address',
  'addressline',
  'postcode',
  'phone',
  'phonenumber',
  'telephone',
  'mobilenumber',
  'email',
  'emailaddress',
  'password',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'privatekey',
  'credential',
  'credentials',
  // CSRF fields (`_csrf`, `xsrf`): as good as the session for as long as it lasts.
  'csrf',
  'xsrf',
];

interface TextRule {
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

const TEXT_RULES: TextRule[] = [
  // JSON Web Tokens, HTTP credentials and prefixed API keys (ghp_…, sk_live_…, trustops_pat_…).
  { pattern: /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, replace: () => '[REDACTED:token]' },
  { pattern: /\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi, replace: (_match, scheme) => `${scheme} [REDACTED:token]` },
  { pattern: /\b[a-z]{2,12}(?:_[a-z]{2,12})?_[A-Za-z0-9]{24,}\b/g, replace: () => '[REDACTED:token]' },
  { pattern: /[\w.%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, replace: () => '[REDACTED:email]' },
  {
    pattern: /(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)/g,
    replace: (match) => (isNhsNumber(match.replace(/\D/g, '')) ? '[REDACTED:nhs-number]' : match),
  },
  {
    pattern: /(?<![\w+])(?:\+44|\(?0)[\d\s()-]{8,16}\d(?!\w)/g,
    replace: (match) => (isUkPhoneNumber(match) ? '[REDACTED:phone]' : match),
  },
  {
    pattern: /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/g,
    replace: () => '[REDACTED:postcode]',
  },
];

/**
 * Turns a before/after summary into plain JSON with personal data removed, ready to be stored in
 * the audit trail. Values under personal keys (names, NHS numbers, dates of birth, addresses,
 * phone numbers, emails, tokens, secrets, CSRF fields) become `[REDACTED]`; NHS numbers, emails, UK phone
 * numbers, UK postcodes and tokens are masked inside any other string. Dates become ISO strings,
 * bigints strings; functions and symbols are dropped; deep or huge values are cut short.
 */
export function redactPersonalData(value: unknown, options: RedactionOptions = {}): JsonValue | null {
  const keep = new Set((options.keepKeys ?? []).map(normaliseKey));
  return redactValue(value, keep, 0, new WeakSet()) ?? null;
}

/** Masks NHS numbers, emails, phone numbers, postcodes and tokens in free text. */
export function redactText(text: string, maxLength = MAX_STRING_LENGTH): string {
  let result = cleanText(text);
  for (const rule of TEXT_RULES) {
    result = result.replace(rule.pattern, rule.replace as (match: string, ...rest: unknown[]) => string);
  }
  return truncate(result, maxLength);
}

/**
 * Makes text storable exactly as hashed: PostgreSQL refuses NUL characters, and a lone UTF-16
 * surrogate would reach the database as U+FFFD while the hash saw its `\u` escape.
 */
export function cleanText(text: string, maxLength?: number): string {
  const cleaned = text
    .replaceAll('\u0000', '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return maxLength === undefined ? cleaned : truncate(cleaned, maxLength);
}

function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) {
    return text;
  }
  const marker = '…[truncated]';
  // A surrogate pair cut in half becomes U+FFFD rather than an unstorable lone surrogate.
  return cleanText(text.slice(0, Math.max(0, maxLength - marker.length))) + marker;
}

export function isPersonalKey(key: string): boolean {
  const normalised = normaliseKey(key);
  return PERSONAL_KEYS.has(normalised) || PERSONAL_KEY_SUFFIXES.some((suffix) => normalised.endsWith(suffix));
}

/** Modulus 11 check of a 10-digit NHS number. */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) {
    return false;
  }
  let sum = 0;
  for (let index = 0; index < 9; index++) {
    sum += Number(digits[index]) * (10 - index);
  }
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(digits[9]);
}

function isUkPhoneNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  const national = candidate.startsWith('+44') ? digits.slice(2).replace(/^0/, '') : digits.slice(1);
  return (national.length === 9 || national.length === 10) && /^[1235789]/.test(national);
}

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function redactValue(value: unknown, keep: Set<string>, depth: number, seen: WeakSet<object>): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
      return redactText(value);
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      break;
  }
  if (value === null) {
    return null;
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString();
  }
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) {
    return '[binary]';
  }
  if (depth >= MAX_DEPTH) {
    return '[too deep]';
  }
  if (seen.has(value)) {
    return '[circular]';
  }
  seen.add(value);
  try {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      return redactValue((value as { toJSON: () => unknown }).toJSON(), keep, depth + 1, seen);
    }
    if (Array.isArray(value) || value instanceof Set) {
      const items = [...value];
      const redacted = items.slice(0, MAX_ARRAY_ITEMS).map((item) => redactValue(item, keep, depth + 1, seen) ?? null);
      if (items.length > MAX_ARRAY_ITEMS) {
        redacted.push(`[${items.length - MAX_ARRAY_ITEMS} more]`);
      }
      return redacted;
    }
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    const result: Record<string, JsonValue> = {};
    for (const [rawKey, item] of entries) {
      const key = cleanText(String(rawKey));
      const redacted =
        isPersonalKey(key) && !keep.has(normaliseKey(key)) && item !== null && item !== undefined
          ? REDACTED
          : redactValue(item, keep, depth + 1, seen);
      if (redacted !== undefined) {
        result[key] = redacted;
      }
    }
    return result;
  } finally {
    seen.delete(value);
  }
}
