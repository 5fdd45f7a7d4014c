import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, TitleStrategy } from '@angular/router';
import { routes } from './app.routes';
import { csrfInterceptor } from './core/csrf.interceptor';
import { provideReloadOnHistoryRestore } from './core/history-restore';
import { provideTrustOpsIcons } from './core/icons';
import { routerFeatures } from './core/router-features';
import { TrustOpsTitleStrategy } from './core/title.strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, ...routerFeatures()),
    { provide: TitleStrategy, useExisting: TrustOpsTitleStrategy },
    provideHttpClient(withFetch(), withInterceptors([csrfInterceptor])),
    provideTrustOpsIcons(),
    provideReloadOnHistoryRestore(),
  ],
};
