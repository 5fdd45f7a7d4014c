import assert from 'node:assert/strict';
import { CSRF_HEADER, type EventEnvelope, type RunDetail, type SessionResponse } from '@trustops/contracts';
import type { TestBrowser } from '../../auth/testing/test-browser.js';

/** A signed-in person's calls to the runs API, with the CSRF token their session needs. */
export class RunsApi {
  constructor(
    readonly browser: TestBrowser,
    readonly session: SessionResponse,
  ) {}

  get(path: string): Promise<Response> {
    return this.browser.request(path);
  }

  post(path: string, body: unknown = {}): Promise<Response> {
    return this.browser.request(path, {
      method: 'POST',
      body,
      headers: { [CSRF_HEADER]: this.session.csrfToken, accept: 'application/json' },
    });
  }

  async json<T>(response: Promise<Response> | Response, status: number): Promise<T> {
    const resolved = await response;
    const text = await resolved.text();
    assert.equal(resolved.status, status, text);
    return JSON.parse(text) as T;
  }

  async saveRunbook(yaml: string): Promise<{ id: string; version: number }> {
    return this.json(this.post('/api/runbooks', { yaml }), 201);
  }

  async start(runbookId: string, inputs: Record<string, unknown> = {}, idempotencyKey?: string): Promise<RunDetail> {
    return this.json(this.post('/api/runs', { runbookId, inputs, ...(idempotencyKey ? { idempotencyKey } : {}) }), 201);
  }

  run(runId: string): Promise<RunDetail> {
    return this.json(this.get(`/api/runs/${runId}`), 200);
  }

  events(runId: string): Promise<EventEnvelope[]> {
    return this.json(this.get(`/api/runs/${runId}/events`), 200);
  }

  /** Polls the run until `done` holds (by default: a finished run). */
  async waitFor(
    runId: string,
    done: (run: RunDetail) => boolean = (run) => ['succeeded', 'failed', 'cancelled'].includes(run.state),
    timeoutMs = 20_000,
  ): Promise<RunDetail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.run(runId);
      if (done(run)) return run;
      if (Date.now() > deadline)
        assert.fail(
          `Run ${runId} did not get there in ${timeoutMs} ms; it is ${run.state}: ${JSON.stringify(run.steps.map((step) => [step.stepId, step.state, step.error]))}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
