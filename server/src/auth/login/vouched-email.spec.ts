import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { vouchedEmail } from './vouched-email.js';

describe(vouchedEmail.name, () => {
  it('should keep an address the provider verified, or one it says nothing about (CIS2)', () => {
    assert.equal(vouchedEmail({ email: 'david.evans@nhs.net', email_verified: true }), 'david.evans@nhs.net');
    assert.equal(vouchedEmail({ email: ' david.evans@nhs.net ' }), 'david.evans@nhs.net');
  });

  it('should not keep an address the provider says it has not verified', () => {
    assert.equal(vouchedEmail({ email: 'david.evans@nhs.net', email_verified: false }), null);
    assert.equal(vouchedEmail({ email: 'david.evans@nhs.net', email_verified: 'false' }), null);
  });

  it('should answer null without an address', () => {
    assert.equal(vouchedEmail({}), null);
    assert.equal(vouchedEmail({ email: '  ' }), null);
    assert.equal(vouchedEmail({ email: 42 }), null);
  });
});
