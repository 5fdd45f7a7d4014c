import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeReturnTo } from './return-to.js';

describe(safeReturnTo.name, () => {
  it('should keep same-origin relative paths with their query and fragment', () => {
    assert.equal(safeReturnTo('/runs/42?tab=log#step-3'), '/runs/42?tab=log#step-3');
    assert.equal(safeReturnTo('/admin/users'), '/admin/users');
  });

  it('should refuse other origins and tricks that browsers treat as them', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil',
      'javascript:alert(1)',
      'evil',
      '/%0d%0aSet-Cookie:x',
      '/\tx',
    ]) {
      const result = safeReturnTo(value);
      assert.ok(result === '/' || (result.startsWith('/') && !result.startsWith('//')), `${value} → ${result}`);
      assert.doesNotMatch(result, /evil\.example/);
    }
  });

  it('should refuse missing values and the login routes themselves', () => {
    assert.equal(safeReturnTo(undefined), '/');
    assert.equal(safeReturnTo(['/a']), '/');
    assert.equal(safeReturnTo('/auth/login'), '/');
    assert.equal(safeReturnTo('/oidc/auth'), '/');
  });
});
