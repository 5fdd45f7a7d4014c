import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanText, isNhsNumber, REDACTED, redactPersonalData, redactText } from './redaction.js';

describe(redactPersonalData.name, () => {
  it('should mask values under personal keys, however they are spelled', () => {
    const redacted = redactPersonalData({
      nhsNumber: '9434765919',
      patient: {
        name: 'Jane Smith',
        first_name: 'Jane',
        Surname: 'Smith',
        'date-of-birth': '1980-02-03',
        dob: '1980-02-03',
      },
      homeAddress: { line1: '1 High Street', postcode: 'LS1 4AP' },
      mobilePhone: '07700 900123',
      contactEmail: 'jane@example.nhs.uk',
      accessToken: 'abc',
      clientSecret: 'xyz',
      password: 'hunter2',
      status: 'active',
    });
    assert.deepEqual(redacted, {
      nhsNumber: REDACTED,
      patient: { name: REDACTED, first_name: REDACTED, Surname: REDACTED, 'date-of-birth': REDACTED, dob: REDACTED },
      homeAddress: REDACTED,
      mobilePhone: REDACTED,
      contactEmail: REDACTED,
      accessToken: REDACTED,
      clientSecret: REDACTED,
      password: REDACTED,
      status: 'active',
    });
  });

  it('should mask CSRF fields, with or without "token" in their name', () => {
    assert.deepEqual(redactPersonalData({ _csrf: 'a1', 'x-xsrf': 'b2', csrfToken: 'c3', role: 'supervisor' }), {
      _csrf: REDACTED,
      'x-xsrf': REDACTED,
      csrfToken: REDACTED,
      role: 'supervisor',
    });
  });

  it('should keep empty personal fields visible as empty', () => {
    assert.deepEqual(redactPersonalData({ email: null, phone: undefined }), { email: null });
  });

  it('should keep keys the caller vouches for, still masking patterns inside them', () => {
    assert.deepEqual(redactPersonalData({ name: 'supervisor' }, { keepKeys: ['name'] }), { name: 'supervisor' });
    assert.deepEqual(redactPersonalData({ name: 'ask jane@example.com' }, { keepKeys: ['name'] }), {
      name: 'ask [REDACTED:email]',
    });
  });

  it('should leave ordinary keys and values alone', () => {
    const value = {
      role: 'supervisor',
      tokenCount: 12,
      fileName: 'a.txt',
      enabled: true,
      ratio: 0.5,
      items: [1, 'two'],
    };
    assert.deepEqual(redactPersonalData(value), value);
  });

  it('should turn any value into plain JSON', () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular['self'] = circular;
    assert.deepEqual(
      redactPersonalData({
        at: new Date('2026-01-02T03:04:05.000Z'),
        big: 12n,
        nan: Number.NaN,
        fn: () => 1,
        missing: undefined,
        circular,
        bytes: Buffer.from('x'),
        list: new Set(['a']),
      }),
      {
        at: '2026-01-02T03:04:05.000Z',
        big: '12',
        nan: null,
        circular: { a: 1, self: '[circular]' },
        bytes: '[binary]',
        list: ['a'],
      },
    );
    assert.equal(redactPersonalData(undefined), null);
  });

  it('should cut deep and long values short', () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 20; level++) deep = { level: deep };
    assert.match(JSON.stringify(redactPersonalData(deep)), /\[too deep\]/);
    const list = redactPersonalData(Array.from({ length: 150 }, (_, index) => index)) as unknown[];
    assert.equal(list.length, 101);
    assert.equal(list.at(-1), '[50 more]');
  });
});

describe(redactText.name, () => {
  it('should mask valid NHS numbers in free text, spaced or not', () => {
    assert.equal(
      redactText('patient 943 476 5919 and 9434765919'),
      'patient [REDACTED:nhs-number] and [REDACTED:nhs-number]',
    );
    assert.equal(redactText('order 1234567890'), 'order 1234567890');
  });

  it('should mask emails, UK phone numbers and postcodes', () => {
    assert.equal(redactText('mail a.b+c@nhs.net now'), 'mail [REDACTED:email] now');
    assert.equal(
      redactText('call 07700 900123 or +44 20 7946 0018 or (0113) 496 0000'),
      'call [REDACTED:phone] or [REDACTED:phone] or [REDACTED:phone]',
    );
    assert.equal(redactText('lives at LS1 4AP'), 'lives at [REDACTED:postcode]');
  });

  it('should mask tokens and credentials', () => {
    assert.equal(redactText('Authorization: Bearer abcdefghijklmnop'), 'Authorization: Bearer [REDACTED:token]');
    assert.equal(redactText('jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_part'), 'jwt [REDACTED:token]');
    assert.equal(redactText('key sk_live_abcdefghijklmnopqrstuvwx1234'), 'key [REDACTED:token]');
  });

  it('should not mistake timestamps, ids or short numbers for personal data', () => {
    const text = 'at 2026-11-23T01:35:00.000Z run 6f1c8a52-4d0e-4f43-9b5e-2f5d0c7e9a10 step 12 of 0800';
    assert.equal(redactText(text), text);
  });
});

describe(isNhsNumber.name, () => {
  it('should accept a valid check digit and refuse others', () => {
    assert.equal(isNhsNumber('9434765919'), true);
    assert.equal(isNhsNumber('9434765918'), false);
    assert.equal(isNhsNumber('943476591'), false);
  });
});

describe(cleanText.name, () => {
  it('should drop NUL characters and replace lone surrogates', () => {
    assert.equal(cleanText('a\u0000b\uD800c\uDC00d😀'), 'ab\uFFFDc\uFFFDd😀');
  });

  it('should truncate with a marker', () => {
    assert.equal(cleanText('x'.repeat(30), 20), `${'x'.repeat(8)}…[truncated]`);
  });
});
