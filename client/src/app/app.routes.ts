import type { Route, Routes } from '@angular/router';
import { NO_ACCESS_PATH, requirePermission } from './core/access';
import { areaById, type AreaId } from './core/areas';

/** An area's route, guarded by the area's own permissions (the same ones the navigation reads). */
function areaRoute(id: AreaId, route: Omit<Route, 'path' | 'title'>): Route {
  const area = areaById(id);
  return {
    path: area.path,
    title: area.label,
    ...(area.permissions
      ? { canActivate: [requirePermission(...area.permissions)], runGuardsAndResolvers: 'always' }
      : {}),
    ...route,
  };
}

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Home',
    loadComponent: () => import('./home/home-page.component').then((m) => m.HomePageComponent),
  },
  areaRoute('wizards', {
    loadChildren: () => import('./wizards/wizards.routes').then((m) => m.WIZARDS_ROUTES),
  }),
  areaRoute('documents', {
    loadChildren: () => import('./documents/documents.routes').then((m) => m.DOCUMENTS_ROUTES),
  }),
  areaRoute('runs', {
    loadChildren: () => import('./runs/runs.routes').then((m) => m.RUNS_ROUTES),
  }),
  areaRoute('runbooks', {
    loadChildren: () => import('./runbooks/runbooks.routes').then((m) => m.RUNBOOKS_ROUTES),
  }),
  areaRoute('workspaces', {
    loadChildren: () => import('./workspaces/workspaces.routes').then((m) => m.WORKSPACES_ROUTES),
  }),
  areaRoute('incidents', {
    loadChildren: () => import('./incidents/incidents.routes').then((m) => m.INCIDENTS_ROUTES),
  }),
  areaRoute('tasks', {
    loadComponent: () => import('./tasks/tasks-page.component').then((m) => m.TasksPageComponent),
  }),
  areaRoute('schedules', {
    loadComponent: () => import('./schedules/schedules-page.component').then((m) => m.SchedulesPageComponent),
  }),
  areaRoute('revenue-cycle', {
    loadComponent: () => import('./rcm/revenue-cycle-page.component').then((m) => m.RevenueCyclePageComponent),
  }),
  areaRoute('approvals', {
    loadComponent: () => import('./approvals/approvals-page.component').then((m) => m.ApprovalsPageComponent),
  }),
  {
    path: 'admin',
    title: areaById('admin').label,
    loadChildren: () => import('./admin/admin.routes').then((m) => m.ADMIN_ROUTES),
  },
  areaRoute('audit', {
    loadComponent: () => import('./audit/audit-page.component').then((m) => m.AuditPageComponent),
  }),
  areaRoute('settings', {
    loadComponent: () => import('./settings/settings-page.component').then((m) => m.SettingsPageComponent),
  }),
  {
    path: NO_ACCESS_PATH,
    title: 'No access',
    loadComponent: () => import('./no-access/no-access-page.component').then((m) => m.NoAccessPageComponent),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./not-found/not-found-page.component').then((m) => m.NotFoundPageComponent),
  },
];
