import { inject } from '@angular/core';
import { type CanActivateFn, Router, type Routes } from '@angular/router';
import { checkAccess, requirePermission } from '../core/access';
import { SessionService } from '../core/session.service';
import { AdminPageComponent } from './admin-page.component';
import { ADMIN_TABS } from './admin-tabs';

/** `/admin` opens the first tab the person may use; with none, the guard explains who can. */
const openFirstTab: CanActivateFn = async (_route, state) => {
  // Injected before any await: the injection context does not survive one.
  const session = inject(SessionService);
  const router = inject(Router);
  const allowed = await checkAccess(['users:read', 'roles:read', 'tenants:read', 'tokens:manage'], state.url);
  if (allowed !== true) {
    return allowed;
  }
  const tab = ADMIN_TABS.find((candidate) => session.can(candidate.permission));
  return tab ? router.createUrlTree(['/admin', tab.path]) : false;
};

export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    component: AdminPageComponent,
    children: [
      { path: '', pathMatch: 'full', canActivate: [openFirstTab], children: [] },
      {
        path: 'users',
        title: 'Users · Admin',
        canActivate: [requirePermission('users:read')],
        runGuardsAndResolvers: 'always',
        loadComponent: () => import('./users/users-page.component').then((m) => m.UsersPageComponent),
      },
      {
        path: 'roles',
        title: 'Roles · Admin',
        canActivate: [requirePermission('roles:read')],
        runGuardsAndResolvers: 'always',
        loadComponent: () => import('./roles/roles-page.component').then((m) => m.RolesPageComponent),
      },
      {
        path: 'tokens',
        title: 'API tokens · Admin',
        canActivate: [requirePermission('tokens:manage')],
        runGuardsAndResolvers: 'always',
        loadComponent: () => import('./tokens/tokens-page.component').then((m) => m.TokensPageComponent),
      },
      {
        path: 'tenants',
        title: 'Organisations · Admin',
        canActivate: [requirePermission('tenants:read')],
        runGuardsAndResolvers: 'always',
        loadComponent: () => import('./tenants/tenants-page.component').then((m) => m.TenantsPageComponent),
      },
    ],
  },
];
