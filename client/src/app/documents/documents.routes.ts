import type { Routes } from '@angular/router';
import { requirePermission } from '../core/access';

/** `/documents`: the list, asking the agent from a template, and one document. The area's guard (runs:read) sits above these. */
export const DOCUMENTS_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./documents-page.component').then((m) => m.DocumentsPageComponent) },
  {
    path: 'ask',
    title: 'Ask the agent from a template',
    canActivate: [requirePermission('runners:use')],
    runGuardsAndResolvers: 'always',
    loadComponent: () => import('./template-session-page.component').then((m) => m.TemplateSessionPageComponent),
  },
  {
    path: ':id',
    title: 'Document',
    loadComponent: () => import('./document-page.component').then((m) => m.DocumentPageComponent),
  },
];
