import type { Routes } from '@angular/router';

export const DOCUMENTS_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./documents-page.component').then((m) => m.DocumentsPageComponent) },
  {
    path: ':id',
    title: 'Document',
    loadComponent: () => import('./document-page.component').then((m) => m.DocumentPageComponent),
  },
];
