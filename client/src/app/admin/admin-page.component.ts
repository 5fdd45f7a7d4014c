import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { areaById } from '../core/areas';
import { SessionService } from '../core/session.service';
import { ADMIN_TABS } from './admin-tabs';

/** The admin area: a heading, a tab for each page the person may use, and the page. */
@Component({
  selector: 'to-admin-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, MatTabsModule, RouterLink, RouterLinkActive, RouterOutlet],
  template: `
    <header class="area-header">
      <span class="area-icon-frame" aria-hidden="true">
        <mat-icon class="area-icon" [svgIcon]="area.icon" />
      </span>
      <div>
        <h1>{{ area.label }}</h1>
        <p class="lead">{{ area.description }}</p>
      </div>
    </header>

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

    .area-header {
      display: flex;
      gap: 1rem;
      align-items: flex-start;
      margin-bottom: 1.5rem;
    }

    .area-icon-frame {
      display: inline-flex;
      flex: none;
      align-items: center;
      justify-content: center;
      width: 3.5rem;
      height: 3.5rem;
      border-radius: 12px;
      background: var(--to-color-pale-blue);
      color: var(--to-color-dark-blue);
    }

    .area-icon {
      width: 2rem;
      height: 2rem;
    }

    h1 {
      margin: 0 0 0.25rem;
    }

    .lead {
      margin: 0;
      font-size: 1.1875rem;
      line-height: 1.5;
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

    @media (max-width: 599.98px) {
      .area-icon-frame {
        display: none;
      }
    }
  `,
})
export class AdminPageComponent {
  private readonly session = inject(SessionService);

  protected readonly area = areaById('admin');
  protected readonly tabs = computed(() => ADMIN_TABS.filter((tab) => this.session.can(tab.permission)));
}
