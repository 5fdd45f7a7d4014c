import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';

/** Full-page navigation (to the identity provider, or a fresh load), behind a seam tests can replace. */
@Injectable({ providedIn: 'root' })
export class BrowserLocation {
  private readonly document = inject(DOCUMENT);

  assign(url: string): void {
    this.document.location.assign(url);
  }

  reload(): void {
    this.document.location.reload();
  }
}
