import type { Routes } from '@angular/router';
import { requirePermission } from '../core/access';

/** `/runs`: the list, starting a run, and one run. The area's own guard (runs:read) sits above these. */
export const RUNS_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadComponent: () => import('./runs-page.component').then((m) => m.RunsPageComponent),
  },
  {
    path: 'start',
    title: 'Start a run',
    canActivate: [requirePermission('runs:start')],
    runGuardsAndResolvers: 'always',
    loadComponent: () => import('./start-run-page.component').then((m) => m.StartRunPageComponent),
  },
  {
    path: ':runId',
    title: 'Run',
    loadComponent: () => import('./run-detail-page.component').then((m) => m.RunDetailPageComponent),
  },
];
