import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Body, Controller, Get, Post } from '@nestjs/common';
import type { ErrorBody } from '@trustops/contracts';
import { IsInt, IsNotEmpty, IsString, Min } from 'class-validator';
import { Public } from '../../rbac/access.decorators.js';
import { startTestApp, type TestApp } from '../testing/test-app.js';

class EchoRequest {
  @IsString()
  @IsNotEmpty()
  name!: string;

  @IsInt()
  @Min(1)
  count!: number;
}

/** Test-only routes: a body to validate and a bug to hide. */
@Public()
@Controller('api/test-only')
class TestOnlyController {
  @Post('echo')
  echo(@Body() request: EchoRequest): EchoRequest {
    return request;
  }

  @Get('bug')
  bug(): never {
    throw new Error('connect ECONNREFUSED 10.1.2.3:5432 (password=hunter2)');
  }
}

const ALLOWED_ORIGIN = 'https://allowed.example.nhs.uk';

describe('HTTP platform', () => {
  let testApp: TestApp;
  let clientDir: string;

  before(async () => {
    clientDir = await mkdtemp(join(tmpdir(), 'trustops-client-'));
    await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>TrustOps</title><to-root></to-root>');
    await writeFile(join(clientDir, 'main-ABCDEFGH.js'), 'console.log("app")');
    testApp = await startTestApp({
      env: { CORS_ORIGINS: ALLOWED_ORIGIN, BODY_LIMIT: '2kb', CLIENT_DIST_DIR: clientDir },
      controllers: [TestOnlyController],
    });
  });

  after(async () => {
    await testApp?.close();
    await rm(clientDir, { recursive: true, force: true });
  });

  describe('errors', () => {
    it('should answer an unknown API path with a 404 in the error shape, echoing a sane X-Request-ID', async () => {
      const response = await fetch(`${testApp.url}/api/no-such-thing`, {
        headers: { 'X-Request-ID': 'trace-abc.123' },
      });
      assert.equal(response.status, 404);
      assert.equal(response.headers.get('x-request-id'), 'trace-abc.123');
      assert.deepEqual(await response.json(), {
        statusCode: 404,
        error: 'Not Found',
        message: 'Cannot GET /api/no-such-thing',
        requestId: 'trace-abc.123',
      } satisfies ErrorBody);
    });

    it('should replace an unsafe X-Request-ID with a UUID', async () => {
      const response = await fetch(`${testApp.url}/api/no-such-thing`, {
        headers: { 'X-Request-ID': 'has spaces; and=more' },
      });
      const id = response.headers.get('x-request-id') ?? '';
      assert.match(id, /^[0-9a-f-]{36}$/);
      assert.equal(((await response.json()) as ErrorBody).requestId, id);
    });

    it('should list every validation problem in plain words in a 400', async () => {
      const response = await fetch(`${testApp.url}/api/test-only/echo`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: '', count: 0, isAdmin: true }),
      });
      assert.equal(response.status, 400);
      const body = (await response.json()) as ErrorBody;
      assert.equal(body.requestId, response.headers.get('x-request-id'));
      assert.deepEqual(
        { ...body, requestId: undefined },
        {
          statusCode: 400,
          error: 'Bad Request',
          message:
            'The request has 3 problems: property isAdmin should not exist; name should not be empty; count must not be less than 1.',
          requestId: undefined,
          details: ['property isAdmin should not exist', 'name should not be empty', 'count must not be less than 1'],
        },
      );
    });

    it('should pass a valid body through, transformed', async () => {
      const response = await fetch(`${testApp.url}/api/test-only/echo`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'Ward B2', count: 3 }),
      });
      assert.equal(response.status, 201);
      assert.deepEqual(await response.json(), { name: 'Ward B2', count: 3 });
    });

    it('should refuse a body over BODY_LIMIT with a 413 in the error shape', async () => {
      const response = await fetch(`${testApp.url}/api/test-only/echo`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(4096), count: 1 }),
      });
      assert.equal(response.status, 413);
      const body = (await response.json()) as ErrorBody;
      assert.equal(body.error, 'Payload Too Large');
      assert.equal(body.requestId, response.headers.get('x-request-id'));
    });

    it('should hide the details of an unexpected error and log it with its stack', async () => {
      const response = await fetch(`${testApp.url}/api/test-only/bug`);
      assert.equal(response.status, 500);
      const body = (await response.json()) as ErrorBody;
      assert.match(body.message, /^Something went wrong on our side/);
      assert.doesNotMatch(JSON.stringify(body), /ECONNREFUSED|hunter2|\.js:\d+/);

      const logged = testApp.logLines().find((line) => line['requestId'] === body.requestId && line['err']);
      assert.ok(logged, 'the error was not logged with its request id');
      assert.match(String((logged['err'] as { stack?: string }).stack), /TestOnlyController\.bug/);
    });
  });

  describe('logging', () => {
    it('should log the request with its id and without credentials', async () => {
      const response = await fetch(`${testApp.url}/api/status?token=query-secret-789`, {
        headers: { Authorization: 'Bearer header-secret-123', Cookie: 'trustops.sid=cookie-secret-456' },
      });
      assert.equal(response.status, 200);
      const requestId = response.headers.get('x-request-id');
      const line = testApp.logLines().find((entry) => entry['requestId'] === requestId && entry['req']);
      assert.ok(line, 'no request log line');
      const request = line['req'] as { headers: Record<string, string>; url: string };
      assert.equal(request.headers['authorization'], '[redacted]');
      assert.equal(request.headers['cookie'], '[redacted]');
      assert.equal(request.url, '/api/status?token=%5Bredacted%5D');
      assert.doesNotMatch(testApp.logText(), /header-secret-123|cookie-secret-456|query-secret-789/);
    });
  });

  describe('security', () => {
    it('should send security headers with a CSP that lets the client run', async () => {
      const response = await fetch(`${testApp.url}/api/status`);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /style-src 'self' 'unsafe-inline'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('x-powered-by'), null);
    });

    it('should not allow a preflight from an origin not in CORS_ORIGINS', async () => {
      const response = await fetch(`${testApp.url}/api/status`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    });

    it('should allow a preflight from an origin in CORS_ORIGINS', async () => {
      const response = await fetch(`${testApp.url}/api/status`, {
        method: 'OPTIONS',
        headers: { Origin: ALLOWED_ORIGIN, 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(response.status, 204);
      assert.equal(response.headers.get('access-control-allow-origin'), ALLOWED_ORIGIN);
    });
  });

  describe('metrics and documentation', () => {
    it('should expose the request duration histogram by route template, queue depth and process metrics', async () => {
      await fetch(`${testApp.url}/api/status`);
      // No route serves it (and no middleware mounts there, as one does on /api/*): its raw path
      // must not become a label.
      assert.equal((await fetch(`${testApp.url}/health/no-such-probe`)).status, 404);
      const response = await fetch(`${testApp.url}/metrics`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
      const text = await response.text();
      assert.match(text, /# TYPE http_request_duration_seconds histogram/);
      assert.match(
        text,
        /http_request_duration_seconds_bucket\{le="0\.005",role="all",method="GET",route="\/api\/status",status_code="200"\}/,
      );
      assert.match(
        text,
        /http_request_duration_seconds_count\{role="all",method="GET",route="unmatched",status_code="404"\}/,
      );
      assert.match(text, /trustops_queue_jobs\{queue="platform-housekeeping",state="waiting",role="all"\} \d+/);
      assert.doesNotMatch(text, /no-such-probe/);
      assert.match(text, /process_cpu_user_seconds_total/);
    });

    it('should publish a valid OpenAPI document listing the platform routes', async () => {
      const response = await fetch(`${testApp.url}/api/docs-json`);
      assert.equal(response.status, 200);
      const document = (await response.json()) as {
        openapi: string;
        info: { title: string; version: string };
        paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
        components: { schemas: Record<string, unknown> };
      };
      assert.match(document.openapi, /^3\.\d+\.\d+$/);
      assert.equal(document.info.title, 'TrustOps API');
      assert.ok(document.info.version);
      assert.ok(document.paths['/api/status']?.['get']?.responses['200']);
      assert.ok(document.paths['/health/ready']?.['get']);
      assert.equal(document.paths['/metrics'], undefined);
      assert.ok(document.components.schemas['PlatformStatusDto']);
      for (const [path, operations] of Object.entries(document.paths)) {
        assert.match(path, /^\//);
        for (const operation of Object.values(operations)) assert.ok(Object.keys(operation.responses).length > 0, path);
      }
      assert.equal((await fetch(`${testApp.url}/api/docs`)).status, 200);
    });
  });

  describe('client', () => {
    it('should serve the client, with index.html for deep links and nothing for server paths', async () => {
      const home = await fetch(`${testApp.url}/`);
      assert.equal(home.status, 200);
      assert.match(await home.text(), /<to-root>/);
      const deepLink = await fetch(`${testApp.url}/runs/42`);
      assert.match(await deepLink.text(), /<to-root>/);
      const bundle = await fetch(`${testApp.url}/main-ABCDEFGH.js`);
      assert.equal(bundle.status, 200);
      assert.match(bundle.headers.get('cache-control') ?? '', /immutable/);
      assert.equal((await fetch(`${testApp.url}/missing-1234.js`)).status, 404);
      // A server path no controller serves is a 404, never the client's index.html.
      assert.equal((await fetch(`${testApp.url}/api/no-such-thing/42`)).status, 404);
    });
  });
});

describe('HTTP platform without a built client, as a worker', () => {
  it('should say how to build the client, and serve only probes in ROLE=worker', async () => {
    const missing = join(tmpdir(), 'trustops-no-client-here');
    const api = await startTestApp({ env: { CLIENT_DIST_DIR: missing } });
    try {
      const response = await fetch(`${api.url}/`);
      assert.equal(response.status, 503);
      assert.match(await response.text(), /npx nx build client/);
    } finally {
      await api.close();
    }

    const worker = await startTestApp({ env: { ROLE: 'worker' } });
    try {
      assert.equal((await fetch(`${worker.url}/health/live`)).status, 200);
      assert.equal((await fetch(`${worker.url}/metrics`)).status, 200);
      const status = await fetch(`${worker.url}/api/status`);
      assert.equal(status.status, 404);
      assert.match(((await status.json()) as ErrorBody).message, /ROLE=worker and serves only \/health and \/metrics/);
      assert.equal((await fetch(`${worker.url}/`)).status, 404);
    } finally {
      await worker.close();
    }
  });
});
