import type { Routes } from '@angular/router';

/** `/workspaces`: the list and one workspace. The area's guard (workspaces:read) sits above these. */
export const WORKSPACES_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadComponent: () => import('./workspaces-page.component').then((m) => m.WorkspacesPageComponent),
  },
  {
    path: ':workspaceId',
    title: 'Workspace',
    loadComponent: () => import('./workspace-page.component').then((m) => m.WorkspacePageComponent),
  },
];
