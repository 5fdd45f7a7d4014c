import type { Routes } from '@angular/router';
import { requirePermission } from '../core/access';

/** `/runbooks`: the library, one runbook, and the editor. The area's guard (runbooks:read) sits above these. */
export const RUNBOOKS_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadComponent: () => import('./runbooks-page.component').then((m) => m.RunbooksPageComponent),
  },
  {
    path: 'new',
    title: 'New runbook',
    canActivate: [requirePermission('runbooks:write')],
    runGuardsAndResolvers: 'always',
    loadComponent: () => import('./runbook-editor-page.component').then((m) => m.RunbookEditorPageComponent),
  },
  {
    path: ':runbookId',
    title: 'Runbook',
    loadComponent: () => import('./runbook-detail-page.component').then((m) => m.RunbookDetailPageComponent),
  },
  {
    path: ':runbookId/edit',
    title: 'Change a runbook',
    canActivate: [requirePermission('runbooks:write')],
    runGuardsAndResolvers: 'always',
    loadComponent: () => import('./runbook-editor-page.component').then((m) => m.RunbookEditorPageComponent),
  },
];
