import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { RunbookSummary, RunbookVersionView } from '@trustops/contracts';
import type { RunbookDefinition } from '@trustops/runbook';
import { firstValueFrom } from 'rxjs';

export const RUNBOOKS_URL = '/api/runbooks';

export const runbookUrl = (runbookId: string): string => `${RUNBOOKS_URL}/${encodeURIComponent(runbookId)}`;
export const runbookVersionsUrl = (runbookId: string): string => `${runbookUrl(runbookId)}/versions`;
export const runbookVersionUrl = (runbookId: string, version: number): string =>
  `${runbookVersionsUrl(runbookId)}/${version}`;
export const runbookDiffUrl = (runbookId: string): string => `${runbookUrl(runbookId)}/diff`;
export const runbookRollbackUrl = (runbookId: string): string => `${runbookUrl(runbookId)}/rollback`;

/** `GET /api/runbooks/:id`: a version with its YAML and, parsed, its definition. */
export type RunbookView = RunbookVersionView & { definition: RunbookDefinition };

/**
 * The body of a refused save: the API's standard error (`ErrorBody`), its `details` one sentence
 * per problem (e.g. `steps[1] (pause): wait: "duration": ...`, or a place in the YAML).
 */
export interface RunbookSaveRefusal {
  message: string;
  details?: string[];
}

/** The state-changing runbook requests. Reads go through `httpResource` in the pages. */
@Injectable({ providedIn: 'root' })
export class RunbooksApi {
  private readonly http = inject(HttpClient);

  save(yaml: string): Promise<RunbookView> {
    return firstValueFrom(this.http.post<RunbookView>(RUNBOOKS_URL, { yaml }));
  }

  rollback(runbookId: string, version: number): Promise<RunbookView> {
    return firstValueFrom(this.http.post<RunbookView>(runbookRollbackUrl(runbookId), { version }));
  }

  list(): Promise<RunbookSummary[]> {
    return firstValueFrom(this.http.get<RunbookSummary[]>(RUNBOOKS_URL));
  }
}
