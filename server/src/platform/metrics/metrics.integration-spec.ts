import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../testing/test-app.js';

describe('HTTP request metrics', () => {
  let testApp: TestApp;

  before(async () => {
    testApp = await startTestApp();
  });

  after(async () => {
    await testApp?.close();
  });

  async function scrape(): Promise<string> {
    const response = await fetch(`${testApp.url}/metrics`);
    assert.equal(response.status, 200);
    return response.text();
  }

  it('should label a path no route answers as unmatched, also under /api where middleware is mounted', async () => {
    for (const path of ['/api/no-such-thing', '/api/no-such/thing/either']) {
      assert.equal((await fetch(`${testApp.url}${path}`)).status, 404);
    }
    const text = await scrape();
    assert.match(
      text,
      /http_request_duration_seconds_count\{role="all",method="GET",route="unmatched",status_code="404"\} 2\n/,
    );
    // The middleware's mount paths are not routes: they would hide every unknown path behind one label.
    assert.doesNotMatch(text, /route="\/api\/\{\*path\}"/);
  });

  it('should label an answered request with its route template, even when it is refused', async () => {
    assert.equal((await fetch(`${testApp.url}/api/status`)).status, 200);
    const refused = await fetch(`${testApp.url}/api/incidents/00000000-0000-4000-8000-000000000000`);
    assert.equal(refused.status, 401);
    const text = await scrape();
    assert.match(
      text,
      /http_request_duration_seconds_count\{role="all",method="GET",route="\/api\/status",status_code="200"\} 1\n/,
    );
    assert.match(
      text,
      /http_request_duration_seconds_count\{role="all",method="GET",route="\/api\/incidents\/:id",status_code="401"\} 1\n/,
    );
  });
});
