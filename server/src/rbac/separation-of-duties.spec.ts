import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ForbiddenException } from '@nestjs/common';
import { assertNotRequester } from './separation-of-duties.js';

describe(assertNotRequester.name, () => {
  it('should refuse approval by the requester', () => {
    assert.throws(() => assertNotRequester('user-1', 'user-1'), ForbiddenException);
  });

  it('should allow approval by someone else, or when nobody asked', () => {
    assert.doesNotThrow(() => assertNotRequester('user-1', 'user-2'));
    assert.doesNotThrow(() => assertNotRequester(null, 'user-2'));
  });
});
