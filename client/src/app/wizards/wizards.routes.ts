import type { Routes } from '@angular/router';

export const WIZARDS_ROUTES: Routes = [
  { path: '', loadComponent: () => import('./wizards-page.component').then((m) => m.WizardsPageComponent) },
  {
    path: ':key',
    title: 'Wizard',
    loadComponent: () => import('./wizard-page.component').then((m) => m.WizardPageComponent),
  },
  {
    path: ':key/runs/:runId',
    title: 'Wizard progress',
    loadComponent: () => import('./wizard-progress-page.component').then((m) => m.WizardProgressPageComponent),
  },
];
