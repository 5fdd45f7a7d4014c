import { DOCUMENT } from '@angular/common';
import { DestroyRef, type EnvironmentProviders, inject, provideAppInitializer } from '@angular/core';
import { BrowserLocation } from './browser-location';

/**
 * Back and Forward may restore a page exactly as it was left, from the browser's back/forward
 * cache, without asking the server anything. After signing out, that is the previous person's
 * audit trail or admin page, still showing their name. A page restored that way is loaded again
 * instead, so the session is checked and a signed-out browser is sent to sign in.
 */
export function provideReloadOnHistoryRestore(): EnvironmentProviders {
  return provideAppInitializer(() => {
    const window = inject(DOCUMENT).defaultView;
    const browserLocation = inject(BrowserLocation);
    const reloadIfRestored = (event: PageTransitionEvent): void => {
      if (event.persisted) {
        browserLocation.reload();
      }
    };
    window?.addEventListener('pageshow', reloadIfRestored);
    inject(DestroyRef).onDestroy(() => window?.removeEventListener('pageshow', reloadIfRestored));
  });
}
