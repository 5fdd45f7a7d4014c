import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCookies, serializeCookie } from './cookies.js';

describe(parseCookies.name, () => {
  it('should read names and decoded values, keeping the first of duplicates', () => {
    assert.deepEqual(parseCookies('a=1; trustops.sid=abc.def; b="x%20y"; a=2'), {
      a: '1',
      'trustops.sid': 'abc.def',
      b: 'x y',
    });
  });

  it('should ignore malformed parts and a missing header', () => {
    assert.deepEqual(parseCookies('novalue; =x; c=3'), { c: '3' });
    assert.deepEqual(parseCookies(undefined), {});
  });
});

describe(serializeCookie.name, () => {
  it('should always be httpOnly and SameSite=Lax, and Secure when asked', () => {
    const cookie = serializeCookie('trustops.sid', 'v', { secure: true, maxAgeSeconds: 60 });
    assert.equal(cookie, 'trustops.sid=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure');
  });

  it('should expire the cookie when the age is zero', () => {
    assert.match(
      serializeCookie('trustops.sid', '', { secure: false, maxAgeSeconds: 0 }),
      /Max-Age=0; Expires=Thu, 01 Jan 1970/,
    );
  });
});
