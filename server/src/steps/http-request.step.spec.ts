import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AppConfig } from '../platform/config/app-config.js';
import { loadConfig } from '../platform/config/load-config.js';
import { findFreePort } from '../platform/infrastructure/free-port.js';
import { PermanentStepError } from '../runs/step-handler.js';
import { HttpRequestStep } from './http-request.step.js';
import { fakeStepContext } from './testing/fake-step-context.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server whose routes the tests choose; it records every request it receives. */
function startServer(): Promise<{ server: Server; base: string; received: Received[] }> {
  const received: Received[] = [];
  const routes: Record<string, (response: ServerResponse) => void> = {
    '/json': (response) => {
      response.setHeader('set-cookie', 'session=secret');
      response.setHeader('x-trace', 'abc');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ ok: true, items: [1, 2] }));
    },
    '/text': (response) => response.end('plain words'),
    '/echo': (response) => response.end('done'),
    '/slow': (response) => void setTimeout(() => response.end('late'), 2000),
    '/large': (response) => response.end('x'.repeat(5000)),
    '/large-chunked': (response) => {
      for (let index = 0; index < 10; index++) response.write('y'.repeat(500));
      response.end();
    },
    '/missing': (response) => ((response.statusCode = 404), response.end('not here')),
    '/unavailable': (response) => ((response.statusCode = 503), response.end('busy')),
    '/throttled': (response) => ((response.statusCode = 429), response.end()),
    '/redirect': (response) => (response.writeHead(302, { location: 'https://elsewhere.example/' }), response.end()),
  };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const route = routes[(request.url ?? '').split('?')[0]];
      if (route) route(response);
      else {
        response.statusCode = 404;
        response.end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }),
    ),
  );
}

function stepWith(env: Record<string, string>): HttpRequestStep {
  return new HttpRequestStep(new AppConfig(loadConfig({ NODE_ENV: 'test', ...env })));
}

describe(HttpRequestStep.name, () => {
  let server: Server;
  let base: string;
  let received: Received[];
  let sut: HttpRequestStep;

  before(async () => {
    ({ server, base, received } = await startServer());
    sut = stepWith({
      HTTP_STEP_ALLOWED_HOSTS: `${new URL(base).host},*.trust.example`,
      HTTP_STEP_MAX_RESPONSE_BYTES: '4000',
      HTTP_STEP_TIMEOUT_MS: '500',
    });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const run = (params: Record<string, unknown>) => sut.execute(fakeStepContext({ params }));
  const permanent = (pattern: RegExp) => (error: unknown) => {
    assert.ok(error instanceof PermanentStepError, `expected a PermanentStepError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  };
  const retryable = (pattern: RegExp) => (error: unknown) => {
    assert.ok(
      error instanceof Error && !(error instanceof PermanentStepError),
      `expected a retryable error, got ${String(error)}`,
    );
    assert.match(error.message, pattern);
    return true;
  };

  it('should GET JSON and return status, headers (without cookies) and the parsed body', async () => {
    const outcome = await run({ url: `${base}/json` });
    assert.equal(outcome.status, 'succeeded');
    const output = outcome.status === 'succeeded' ? outcome.output! : {};
    assert.equal(output['status'], 200);
    assert.deepEqual(output['body'], { ok: true, items: [1, 2] });
    const headers = output['headers'] as Record<string, string>;
    assert.equal(headers['x-trace'], 'abc');
    assert.equal(headers['set-cookie'], undefined);
    assert.equal(received.at(-1)!.headers['idempotency-key'], undefined, 'GET carries no idempotency key');
  });

  it('should send a JSON body, headers and the effect key as Idempotency-Key', async () => {
    const context = fakeStepContext({
      params: { url: `${base}/echo`, method: 'POST', headers: { 'x-ward': 7 }, body: { patient: 'none', n: 1 } },
    });
    const outcome = await sut.execute(context);
    assert.equal(outcome.status, 'succeeded');
    assert.deepEqual(outcome.status === 'succeeded' && [outcome.output!['status'], outcome.output!['body']], [
      200,
      'done',
    ]);
    const request = received.at(-1)!;
    assert.equal(request.method, 'POST');
    assert.equal(request.body, '{"patient":"none","n":1}');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['x-ward'], '7');
    assert.equal(request.headers['idempotency-key'], context.effectKey);
  });

  it('should send a text body as text', async () => {
    await run({ url: `${base}/echo`, method: 'PUT', body: 'hello' });
    assert.equal(received.at(-1)!.body, 'hello');
    assert.equal(received.at(-1)!.headers['content-type'], 'text/plain; charset=utf-8');
  });

  it('should refuse hosts that are not allowed, without calling them', async () => {
    const before = received.length;
    await assert.rejects(
      run({ url: 'http://localhost:1/x' }),
      permanent(
        /calls to localhost:1 are not allowed \(allowed hosts are: 127\.0\.0\.1:\d+, \*\.trust\.example\); an administrator can add it to HTTP_STEP_ALLOWED_HOSTS/,
      ),
    );
    await assert.rejects(run({ url: `${base.replace('127.0.0.1', 'localhost')}/json` }), permanent(/are not allowed/));
    await assert.rejects(
      stepWith({}).execute(fakeStepContext({ params: { url: `${base}/json` } })),
      permanent(/no hosts are allowed yet/),
    );
    assert.equal(received.length, before);
  });

  it('should time out: GET may be retried, POST fails permanently', async () => {
    await assert.rejects(
      run({ url: `${base}/slow` }),
      retryable(/GET http:\/\/127\.0\.0\.1:\d+\/slow did not answer within 1 s/),
    );
    await assert.rejects(
      run({ url: `${base}/slow`, method: 'POST', timeout: '200ms' }),
      permanent(/POST is not repeated automatically because the server may already have acted/),
    );
  });

  it('should refuse responses over the size limit, declared or streamed', async () => {
    await assert.rejects(
      run({ url: `${base}/large` }),
      permanent(/sent more than 4000 bytes; the limit is HTTP_STEP_MAX_RESPONSE_BYTES/),
    );
    await assert.rejects(run({ url: `${base}/large-chunked` }), permanent(/sent more than 4000 bytes/));
  });

  it('should fail on error statuses according to the method and status', async () => {
    await assert.rejects(
      run({ url: `${base}/missing` }),
      permanent(/GET http:\/\/127\.0\.0\.1:\d+\/missing answered 404 Not Found\./),
    );
    await assert.rejects(run({ url: `${base}/unavailable` }), retryable(/answered 503/));
    await assert.rejects(
      run({ url: `${base}/unavailable`, method: 'DELETE' }),
      permanent(/answered 503.*DELETE is not repeated automatically/),
    );
    await assert.rejects(run({ url: `${base}/throttled`, method: 'POST' }), retryable(/answered 429.*may be retried/));
    const tolerated = await run({ url: `${base}/unavailable`, failOnStatus: false });
    assert.equal(tolerated.status === 'succeeded' && tolerated.output!['status'], 503);
  });

  it('should not follow redirects', async () => {
    const outcome = await run({ url: `${base}/redirect` });
    assert.equal(outcome.status === 'succeeded' && outcome.output!['status'], 302);
  });

  it('should let the engine retry when the host cannot be reached, whatever the method', async () => {
    const port = await findFreePort();
    const closed = stepWith({ HTTP_STEP_ALLOWED_HOSTS: `127.0.0.1:${port}` });
    await assert.rejects(
      closed.execute(fakeStepContext({ params: { url: `http://127.0.0.1:${port}/`, method: 'POST' } })),
      retryable(/could not be reached \(ECONNREFUSED\)/),
    );
  });

  it('should stop when the run is cancelled', async () => {
    const context = fakeStepContext({ params: { url: `${base}/slow`, timeout: '10s' } });
    const pending = sut.execute(context);
    setTimeout(() => context.controller.abort(new Error('Run cancelled')), 50);
    await assert.rejects(pending, /Run cancelled/);
  });

  it('should refuse bad parameters permanently', async () => {
    await assert.rejects(run({}), permanent(/"url" is required/));
    await assert.rejects(run({ url: 'not a url' }), permanent(/is not a web address/));
    await assert.rejects(run({ url: 'ftp://127.0.0.1/x' }), permanent(/only http and https/));
    await assert.rejects(run({ url: `http://user:pw@${new URL(base).host}/` }), permanent(/credentials in a header/));
    await assert.rejects(run({ url: `${base}/json`, body: 'x' }), permanent(/a GET request cannot have a body/));
    await assert.rejects(
      run({ url: `${base}/json`, method: 'TRACE' }),
      permanent(/"method" must be one of GET, HEAD, POST, PUT, PATCH, DELETE/),
    );
    await assert.rejects(run({ url: `${base}/json`, headers: ['x'] }), permanent(/"headers" must be a mapping/));
    await assert.rejects(run({ url: `${base}/json`, timeout: '10m' }), permanent(/at most 300 seconds/));
  });

  it('should check parameters before a run, including the host when it is known', () => {
    assert.deepEqual(sut.validate({ url: '{{ inputs.address }}', method: 'POST' }), []);
    assert.deepEqual(sut.validate({ url: 'https://api.trust.example/x' }), []);
    assert.match(sut.validate({ url: 'https://evil.example/x' })[0], /calls to evil\.example are not allowed/);
    assert.match(sut.validate({ url: '{{ inputs.address }}', method: 'GET', body: 'x' })[0], /cannot have a body/);
  });
});
