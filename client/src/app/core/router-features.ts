import {
  type RouterFeatures,
  withComponentInputBinding,
  withInMemoryScrolling,
  withRouterConfig,
} from '@angular/router';

/** The router's behaviour, shared by the app and its tests. */
export function routerFeatures(): RouterFeatures[] {
  return [
    withComponentInputBinding(),
    withInMemoryScrolling({ scrollPositionRestoration: 'enabled' }),
    // The address changes as soon as a navigation starts, so a page shown in place of another (the
    // no-access page) sits under the address the person asked for, however they got there.
    withRouterConfig({ urlUpdateStrategy: 'eager' }),
  ];
}
