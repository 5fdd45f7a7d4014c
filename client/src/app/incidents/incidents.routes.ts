import type { Routes } from '@angular/router';

/** `/incidents`: the dashboard (with the report conversation), and one incident. The area's own guard (incidents:read) sits above these. */
export const INCIDENTS_ROUTES: Routes = [
  {
    path: '',
    pathMatch: 'full',
    loadComponent: () => import('./incidents-page.component').then((m) => m.IncidentsPageComponent),
  },
  {
    path: ':incidentId',
    title: 'Incident',
    loadComponent: () => import('./incident-detail-page.component').then((m) => m.IncidentDetailPageComponent),
  },
];
