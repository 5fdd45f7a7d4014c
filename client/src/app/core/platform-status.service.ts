import { httpResource } from '@angular/common/http';
import { Injectable } from '@angular/core';
import type { PlatformStatusResponse } from '@trustops/contracts';

export const PLATFORM_STATUS_URL = '/api/status';

/** `GET /api/status`, fetched once and shared by the toolbar and the home page. */
@Injectable({ providedIn: 'root' })
export class PlatformStatusService {
  readonly status = httpResource<PlatformStatusResponse>(() => PLATFORM_STATUS_URL);

  reload(): void {
    this.status.reload();
  }
}
