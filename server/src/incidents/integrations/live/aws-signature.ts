import { createHash, createHmac } from 'node:crypto';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS, instance roles) come with a session token. */
  sessionToken?: string;
}

export interface SigningInput {
  method: string;
  url: URL;
  /** The request's headers; `host`, `content-type` and `x-amz-*` ones are signed. */
  headers: Record<string, string>;
  body: string | undefined;
  region: string;
  service: string;
  credentials: AwsCredentials;
  /** The signing time; now unless given (tests use AWS's published example time). */
  now?: Date;
}

const sha256 = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding, as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
const rfc3986 = (value: string): string =>
  encodeURIComponent(value).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** `20150830T123600Z` */
export const amzDate = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function isSigned(name: string): boolean {
  return name === 'host' || name === 'content-type' || name.startsWith('x-amz-');
}

/**
 * AWS Signature Version 4 for one request: returns the headers to add (`authorization`,
 * `x-amz-date`, and `x-amz-security-token` for temporary credentials). Written out rather than
 * taken from an SDK; checked against AWS's published test vectors in aws-signature.spec.ts.
 * Canonical path: each segment encoded once more, as every service but S3 expects.
 */
export function signRequest(input: SigningInput): Record<string, string> {
  const timestamp = amzDate(input.now ?? new Date());
  const day = timestamp.slice(0, 8);
  const added: Record<string, string> = { 'x-amz-date': timestamp };
  if (input.credentials.sessionToken) added['x-amz-security-token'] = input.credentials.sessionToken;

  const headers = new Map<string, string>([['host', input.url.host]]);
  for (const [name, value] of Object.entries({ ...input.headers, ...added })) {
    const lower = name.toLowerCase();
    if (isSigned(lower)) headers.set(lower, value.trim().replace(/\s+/g, ' '));
  }
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(';');

  const canonicalPath = input.url.pathname
    .split('/')
    .map((segment) => rfc3986(segment))
    .join('/');
  const canonicalQuery = [...input.url.searchParams]
    .map(([key, value]) => [rfc3986(key), rfc3986(value)])
    .sort(([keyA, valueA], [keyB, valueB]) => (keyA === keyB ? (valueA < valueB ? -1 : 1) : keyA < keyB ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalRequest = [
    input.method.toUpperCase(),
    canonicalPath,
    canonicalQuery,
    names.map((name) => `${name}:${headers.get(name)}\n`).join(''),
    signedHeaders,
    sha256(input.body ?? ''),
  ].join('\n');

  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', timestamp, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${input.credentials.secretAccessKey}`, day), input.region), input.service),
    'aws4_request',
  );
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return {
    ...added,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
