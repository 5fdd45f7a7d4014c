import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { areaById } from '../core/areas';
import { SessionService } from '../core/session.service';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { ADMIN_TABS } from './admin-tabs';

/** The admin area: a heading, a tab for each page the person may use, and the page. */
@Component({
  selector: 'to-admin-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AreaHeaderComponent, MatIconModule, MatTabsModule, RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <to-area-header [area]="area" />

    <nav
      mat-tab-nav-bar
      mat-stretch-tabs="false"
      mat-align-tabs="start"
      class="admin-tabs"
      aria-label="Admin pages"
      [tabPanel]="panel"
    >
      @for (tab of tabs(); track tab.path) {
        <a
          mat-tab-link
          [routerLink]="tab.path"
          routerLinkActive
          #link="routerLinkActive"
          [active]="link.isActive"
          ariaCurrentWhenActive="page"
        >
          <mat-icon [svgIcon]="tab.icon" />
          <span>{{ tab.label }}</span>
        </a>
      }
    </nav>
    <mat-tab-nav-panel #panel class="admin-panel">
      <router-outlet />
    </mat-tab-nav-panel>
  `,
  styles: `
    :host {
      display: block;
    }

    .admin-tabs {
      --mat-tab-active-label-text-color: var(--to-color-dark-blue);
      --mat-tab-active-focus-label-text-color: var(--to-color-dark-blue);
      --mat-tab-active-hover-label-text-color: var(--to-color-dark-blue);
      --mat-tab-inactive-label-text-color: var(--to-color-secondary-text);
      --mat-tab-active-indicator-color: var(--to-color-blue);
      --mat-tab-active-focus-indicator-color: var(--to-color-blue);
      --mat-tab-active-hover-indicator-color: var(--to-color-blue);
      --mat-tab-active-indicator-height: 4px;
      --mat-tab-label-text-weight: 700;

      margin-bottom: 1.5rem;
      border-bottom: 1px solid var(--to-color-border);

      mat-icon {
        margin-right: 0.5rem;
      }
    }
  `,
})
export class AdminPageComponent {
  private readonly session = inject(SessionService);

  protected readonly area = areaById('admin');
  protected readonly tabs = computed(() => ADMIN_TABS.filter((tab) => this.session.can(tab.permission)));
}
