import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isServerPath } from './client-serving.js';

describe(isServerPath.name, () => {
  it('should leave the server its own paths', () => {
    for (const path of ['/api', '/api/status', '/health/ready', '/metrics', '/auth/callback', '/socket.io/']) {
      assert.equal(isServerPath(path), true, path);
    }
  });

  it('should hand everything else to the client', () => {
    for (const path of ['/', '/runs/42', '/apis', '/healthy', '/main-ABC123.js', '/admin/audit']) {
      assert.equal(isServerPath(path), false, path);
    }
  });
});
