import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AgentSessionRunResponse, StartPromptTemplateSessionRequest } from '@trustops/contracts';
import { firstValueFrom } from 'rxjs';

export const PROMPT_TEMPLATES_URL = '/api/prompt-templates';
export const templateSessionsUrl = (key: string): string =>
  `${PROMPT_TEMPLATES_URL}/${encodeURIComponent(key)}/sessions`;

/** Starting an agent conversation from a prompt template. */
@Injectable({ providedIn: 'root' })
export class PromptTemplatesApi {
  private readonly http = inject(HttpClient);

  startSession(key: string, request: StartPromptTemplateSessionRequest): Promise<AgentSessionRunResponse> {
    return firstValueFrom(this.http.post<AgentSessionRunResponse>(templateSessionsUrl(key), request));
  }
}
