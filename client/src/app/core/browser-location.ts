import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';

/** Full-page navigation away from the app (to the identity provider), behind a seam tests can replace. */
@Injectable({ providedIn: 'root' })
export class BrowserLocation {
  private readonly document = inject(DOCUMENT);

  assign(url: string): void {
    this.document.location.assign(url);
  }
}
