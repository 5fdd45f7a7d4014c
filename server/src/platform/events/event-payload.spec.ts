import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PayloadTooLargeException } from '@nestjs/common';
import { MAX_EVENT_PAYLOAD_BYTES } from '@trustops/contracts';
import { preparePayload } from './event-payload.js';

describe('preparePayload', () => {
  it('should replace values under secret keys at any depth, whatever their case', () => {
    const payload = {
      stepId: 'call',
      request: { headers: { Authorization: 'Bearer x', accept: 'json' } },
      attempts: [{ API_KEY: 'k', clientSecret: null }],
    };
    assert.deepEqual(preparePayload(payload, 'step.started'), {
      stepId: 'call',
      request: { headers: { Authorization: '[redacted]', accept: 'json' } },
      attempts: [{ API_KEY: '[redacted]', clientSecret: null }],
    });
    assert.equal(payload.request.headers.Authorization, 'Bearer x', 'the caller’s object is left alone');
  });

  it('should refuse a payload over the limit, saying how big it was', () => {
    assert.doesNotThrow(() => preparePayload({ text: 'x'.repeat(MAX_EVENT_PAYLOAD_BYTES - 20) }, 'step.log'));
    assert.throws(
      () => preparePayload({ text: 'é'.repeat(MAX_EVENT_PAYLOAD_BYTES / 2 + 10) }, 'step.log'),
      (error: unknown) =>
        error instanceof PayloadTooLargeException &&
        /"step\.log" event is too large to record \(257 KB; the limit is 256 KB\)/.test(error.message),
    );
  });
});
