import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { type EnvironmentProviders, type Provider, provideZonelessChangeDetection } from '@angular/core';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, type Routes } from '@angular/router';
import { csrfInterceptor } from '../app/core/csrf.interceptor';
import { provideTrustOpsIcons } from '../app/core/icons';
import { routerFeatures } from '../app/core/router-features';

/** What every component test needs: zoneless change detection, a fake HTTP backend (with the app's interceptors), the icons. */
export function provideTestEnvironment(routes: Routes = []): (Provider | EnvironmentProviders)[] {
  return [
    provideZonelessChangeDetection(),
    provideHttpClient(withInterceptors([csrfInterceptor])),
    provideHttpClientTesting(),
    provideRouter(routes, ...routerFeatures()),
    provideTrustOpsIcons(),
    // Dialogs and menus open and close at once, without waiting for CSS animations jsdom never runs.
    { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
  ];
}
