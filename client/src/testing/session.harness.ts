import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SessionResponse } from '@trustops/contracts';
import { SESSION_URL, SessionService } from '../app/core/session.service';

/**
 * Answers `GET /api/session` with `session` (or an error status) and waits until the app knows.
 * Call it before creating the component under test: every page reads the session first.
 */
export async function signInForTest(session: SessionResponse | { status: number }): Promise<SessionService> {
  const service = TestBed.inject(SessionService);
  TestBed.tick();
  const request = TestBed.inject(HttpTestingController).expectOne(SESSION_URL);
  if ('status' in session) {
    request.flush(null, { status: session.status, statusText: 'Error' });
  } else {
    request.flush(session);
  }
  await service.whenSettled();
  return service;
}

/**
 * Lets promises and timers run, then runs change detection and effects — so that requests a click
 * leads to are sent. Unlike `fixture.whenStable()`, it does not wait for open requests to finish
 * (they never do until the test answers them).
 */
export async function settle(): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.tick();
  }
}
