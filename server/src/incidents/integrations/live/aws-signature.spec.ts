import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signRequest } from './aws-signature.js';

// AWS's Signature Version 4 test suite (docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html):
// its example credentials, region, service and time.
const EXAMPLE = {
  region: 'us-east-1',
  service: 'service',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  now: new Date('2015-08-30T12:36:00Z'),
  headers: {},
  body: undefined,
};
const PREFIX =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=';

describe(signRequest.name, () => {
  it('signs "get-vanilla" as AWS publishes it', () => {
    const headers = signRequest({ ...EXAMPLE, method: 'GET', url: new URL('https://example.amazonaws.com/') });
    assert.equal(headers['x-amz-date'], '20150830T123600Z');
    assert.equal(headers.authorization, `${PREFIX}5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`);
  });

  it('signs "get-vanilla-query-order-key-case" (query sorted by key)', () => {
    const url = new URL('https://example.amazonaws.com/?Param2=value2&Param1=value1');
    const headers = signRequest({ ...EXAMPLE, method: 'GET', url });
    assert.equal(headers.authorization, `${PREFIX}b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500`);
  });

  it('signs "post-vanilla" (an empty body hashes as the empty string)', () => {
    const headers = signRequest({ ...EXAMPLE, method: 'POST', url: new URL('https://example.amazonaws.com/') });
    assert.equal(headers.authorization, `${PREFIX}5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b`);
  });

  it('signs the session token of temporary credentials', () => {
    const headers = signRequest({
      ...EXAMPLE,
      credentials: { ...EXAMPLE.credentials, sessionToken: 'token' },
      method: 'GET',
      url: new URL('https://example.amazonaws.com/'),
    });
    assert.equal(headers['x-amz-security-token'], 'token');
    assert.match(headers.authorization, /SignedHeaders=host;x-amz-date;x-amz-security-token,/);
  });
});
