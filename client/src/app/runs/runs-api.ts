import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  DeadLetterView,
  EventEnvelope,
  RunDetail,
  RunListQuery,
  RunState,
  StartRunRequest,
} from '@trustops/contracts';
import { firstValueFrom } from 'rxjs';

export const RUNS_URL = '/api/runs';
export const DEAD_LETTERS_URL = '/api/dead-letters';

export const runUrl = (runId: string): string => `${RUNS_URL}/${encodeURIComponent(runId)}`;
export const runEventsUrl = (runId: string): string => `${runUrl(runId)}/events`;
export const runCancelUrl = (runId: string): string => `${runUrl(runId)}/cancel`;
export const runRerunUrl = (runId: string): string => `${runUrl(runId)}/rerun`;
export const stepRetryUrl = (runId: string, stepId: string): string =>
  `${runUrl(runId)}/steps/${encodeURIComponent(stepId)}/retry`;

/** The runs list's filters as the page holds them; blanks mean "any". */
export interface RunFilters {
  state: RunState | '';
  runbookId: string;
  mine: boolean;
}

export const NO_RUN_FILTERS: RunFilters = { state: '', runbookId: '', mine: false };

/** `GET /api/runs` query parameters (strings, as they travel) for the filters and page. */
export function toRunListParams(
  filters: RunFilters,
  page: { limit: number; cursor: string | null; userId: string | undefined },
): Record<string, string> {
  const query: RunListQuery = { limit: page.limit };
  if (filters.state) query.state = filters.state;
  if (filters.runbookId) query.runbookId = filters.runbookId;
  if (filters.mine && page.userId) query.startedBy = page.userId;
  if (page.cursor) query.cursor = page.cursor;
  return Object.fromEntries(Object.entries(query).map(([key, value]) => [key, String(value)]));
}

/** The state-changing run requests. Reads go through `httpResource` in the pages. */
@Injectable({ providedIn: 'root' })
export class RunsApi {
  private readonly http = inject(HttpClient);

  start(request: StartRunRequest): Promise<RunDetail> {
    return firstValueFrom(this.http.post<RunDetail>(RUNS_URL, request));
  }

  cancel(runId: string): Promise<RunDetail> {
    return firstValueFrom(this.http.post<RunDetail>(runCancelUrl(runId), {}));
  }

  rerun(runId: string): Promise<RunDetail> {
    return firstValueFrom(this.http.post<RunDetail>(runRerunUrl(runId), {}));
  }

  retryStep(runId: string, stepId: string): Promise<RunDetail> {
    return firstValueFrom(this.http.post<RunDetail>(stepRetryUrl(runId, stepId), {}));
  }

  get(runId: string): Promise<RunDetail> {
    return firstValueFrom(this.http.get<RunDetail>(runUrl(runId)));
  }

  events(runId: string, afterSeq: number): Promise<EventEnvelope[]> {
    return firstValueFrom(
      this.http.get<EventEnvelope[]>(runEventsUrl(runId), { params: { afterSeq: String(afterSeq) } }),
    );
  }

  deadLetters(): Promise<DeadLetterView[]> {
    return firstValueFrom(this.http.get<DeadLetterView[]>(DEAD_LETTERS_URL));
  }
}
