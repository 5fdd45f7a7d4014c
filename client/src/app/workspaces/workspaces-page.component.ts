import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { Router, RouterLink } from '@angular/router';
import type { WorkspaceListResponse } from '@trustops/contracts';
import { areaById } from '../core/areas';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { ImportWorkspaceDialogComponent, type ImportWorkspaceResult } from './import-workspace-dialog.component';
import { describeSource, formatBytes, WORKSPACES_URL } from './workspaces-api';

/** The tenant's workspaces, and the way to import another. */
@Component({
  selector: 'to-workspaces-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, LoadStateComponent, MatButtonModule, MatIconModule, AreaHeaderComponent, RouterLink],
  template: `
    <to-area-header [area]="area">
      @if (canWrite()) {
        <button mat-flat-button type="button" (click)="openImport()">
          <mat-icon svgIcon="add" />
          Import a workspace
        </button>
      }
    </to-area-header>

    @if (notice(); as notice) {
      <p class="notice" role="status">{{ notice }}</p>
    }
    <to-load-state
      [resource]="workspaces"
      loadingLabel="Loading workspaces"
      failureMessage="We could not load the workspaces."
    />
    @if (workspaces.hasValue() && items().length === 0) {
      <div class="empty-state">
        <h3>No workspaces yet</h3>
        @if (canWrite()) {
          <p>Import the code of an integration, such as your Trust Integration Engine, to browse and analyse it.</p>
        } @else {
          <p>When someone imports an integration's code, it appears here.</p>
        }
      </div>
    }
    <ul class="card-grid workspaces" aria-label="Workspaces">
      @for (workspace of items(); track workspace.id) {
        <li [attr.data-workspace-id]="workspace.id">
          <h2>
            <a [routerLink]="['/workspaces', workspace.id]">{{ workspace.name }}</a>
          </h2>
          <p class="source">{{ describe(workspace) }}</p>
          <p class="meta">
            <span>{{ workspace.fileCount.toLocaleString('en-GB') }} files</span>
            <span>{{ size(workspace.sizeBytes) }}</span>
            <span
              >Updated
              <time [attr.datetime]="workspace.refreshedAt">{{
                workspace.refreshedAt | date: 'd MMM y, HH:mm'
              }}</time></span
            >
          </p>
        </li>
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
    }

    .notice {
      padding: 0.75rem 1rem;
      border-left: 4px solid var(--to-color-blue);
      background: var(--to-color-pale-blue);
    }

    .source {
      margin: 0 0 0.5rem;
      overflow-wrap: anywhere;
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      margin: 0;
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }
  `,
})
export class WorkspacesPageComponent {
  private readonly session = inject(SessionService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  protected readonly area = areaById('workspaces');
  protected readonly canWrite = computed(() => this.session.can('workspaces:write'));
  protected readonly notice = signal<string | undefined>(undefined);
  protected readonly workspaces = httpResource<WorkspaceListResponse>(() =>
    forActiveTenant(this.session, { url: WORKSPACES_URL }),
  );
  protected readonly items = computed(() => valueOr(this.workspaces, undefined)?.items ?? []);
  protected readonly describe = describeSource;
  protected readonly size = formatBytes;

  protected openImport(): void {
    const ref = this.dialog.open<ImportWorkspaceDialogComponent, void, ImportWorkspaceResult>(
      ImportWorkspaceDialogComponent,
      {
        width: '40rem',
      },
    );
    ref.afterClosed().subscribe((result) => {
      if (!result) return;
      this.notice.set(
        result.created
          ? undefined
          : `“${result.workspace.name}” was already imported from that source, so it has been opened.`,
      );
      void this.router.navigate(['/workspaces', result.workspace.id], {
        state: result.created ? {} : { notice: this.notice() },
      });
    });
  }
}
