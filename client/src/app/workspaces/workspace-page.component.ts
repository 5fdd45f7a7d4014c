import { DatePipe } from '@angular/common';
import { HttpClient, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Router } from '@angular/router';
import type { UpdateWorkspaceRequest, WorkspaceTreeResponse, WorkspaceView } from '@trustops/contracts';
import { firstValueFrom } from 'rxjs';
import { areaById } from '../core/areas';
import { describeHttpError } from '../core/http-error';
import { forActiveTenant, SessionService } from '../core/session.service';
import { BackLinkComponent } from '../shared/back-link/back-link.component';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../shared/confirm-dialog/confirm-dialog.component';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { FileViewerComponent } from './file-viewer.component';
import {
  describeSource,
  EMPTY_TREE,
  formatBytes,
  parentFolders,
  toggleFolder,
  visibleRows,
  withFolderLoaded,
  workspaceTreeUrl,
  workspaceUrl,
  type TreeState,
} from './workspaces-api';

/** One workspace: what it is, its files as a tree, the chosen file, and (for writers) refresh and agent permissions. */
@Component({
  selector: 'to-workspace-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    BackLinkComponent,
    DatePipe,
    FileViewerComponent,
    FormErrorComponent,
    LoadStateComponent,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    AreaHeaderComponent,
  ],
  template: `
    <to-back-link link="/workspaces">All workspaces</to-back-link>
    <to-load-state
      [resource]="workspace"
      loadingLabel="Loading the workspace"
      failureMessage="We could not load this workspace."
    />
    @if (workspace.hasValue()) {
      @let current = workspace.value();
      <to-area-header [icon]="area.icon" [heading]="current.name" [lead]="describe(current)">
        @if (canWrite()) {
          <button mat-flat-button type="button" [disabled]="busy()" (click)="refresh()">
            <mat-icon svgIcon="retry" />
            Refresh
          </button>
          <button mat-stroked-button type="button" [disabled]="busy()" (click)="confirmRemove(current)">
            <mat-icon svgIcon="delete" />
            Remove
          </button>
        }
        <p areaHeaderBelow class="facts">
          {{ current.fileCount.toLocaleString('en-GB') }} files · {{ size(current.sizeBytes) }} · updated
          <time [attr.datetime]="current.refreshedAt">{{ current.refreshedAt | date: 'd MMM y, HH:mm' }}</time>
        </p>
      </to-area-header>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Working" />
      }
      @if (message(); as message) {
        <p class="notice" role="status">{{ message }}</p>
      }
      @if (actionError(); as error) {
        <to-form-error>{{ error }}</to-form-error>
      }
      @if (canWrite()) {
        <section class="permissions" aria-label="What agents may do">
          <mat-slide-toggle
            [checked]="current.allowWrite"
            [disabled]="busy()"
            (change)="update({ allowWrite: $event.checked })"
          >
            Agents may change files
          </mat-slide-toggle>
          <mat-slide-toggle
            [checked]="current.allowBash"
            [disabled]="busy()"
            (change)="update({ allowBash: $event.checked })"
          >
            Agents may run commands
          </mat-slide-toggle>
          <span class="hint">Both are off unless you turn them on. Agents can always read the files.</span>
        </section>
      }
      <div class="browser">
        <nav class="tree" aria-label="Files">
          @if (treeError(); as error) {
            <to-form-error>{{ error }}</to-form-error>
          }
          @if (rows().length === 0 && !treeError()) {
            <p class="empty">{{ treeLoaded() ? 'This workspace has no files.' : 'Loading the files…' }}</p>
          }
          <ul>
            @for (row of rows(); track row.entry.path) {
              <li [style.padding-left.rem]="row.depth * 1.25">
                @if (row.entry.kind === 'directory') {
                  <button
                    type="button"
                    class="entry folder"
                    [attr.aria-expanded]="row.expanded"
                    (click)="toggle(row.entry.path)"
                  >
                    <mat-icon svgIcon="chevron-right" [class.open]="row.expanded" aria-hidden="true" />
                    {{ row.entry.name }}
                  </button>
                } @else {
                  <button
                    type="button"
                    class="entry file"
                    [class.selected]="row.entry.path === file()"
                    [attr.aria-current]="row.entry.path === file() ? 'true' : null"
                    (click)="open(row.entry.path)"
                  >
                    <mat-icon svgIcon="code" aria-hidden="true" />
                    {{ row.entry.name }}
                  </button>
                }
              </li>
            }
          </ul>
        </nav>
        <section class="viewer" aria-label="File">
          @if (file(); as path) {
            <to-file-viewer [workspaceId]="workspaceId()" [path]="path" />
          } @else {
            <div class="empty-state">
              <h3>Choose a file</h3>
              <p>Pick a file on the left to read it here.</p>
            </div>
          }
        </section>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }

    .facts {
      margin: 0.25rem 0 0;
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }

    .notice {
      padding: 0.75rem 1rem;
      border-left: 4px solid var(--to-color-blue);
      background: var(--to-color-pale-blue);
    }

    .permissions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 2rem;
      align-items: center;
      margin-bottom: 1rem;

      .hint {
        color: var(--to-color-secondary-text);
        font-size: 0.875rem;
      }
    }

    .browser {
      display: grid;
      grid-template-columns: minmax(14rem, 20rem) 1fr;
      gap: 1rem;
      align-items: start;
    }

    @media (max-width: 48rem) {
      .browser {
        grid-template-columns: 1fr;
      }
    }

    .tree {
      max-height: 75vh;
      padding: 0.5rem;
      overflow: auto;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
      background: var(--to-color-white);

      ul {
        padding: 0;
        margin: 0;
        list-style: none;
      }
    }

    .entry {
      display: flex;
      gap: 0.25rem;
      align-items: center;
      width: 100%;
      padding: 0.25rem 0.5rem;
      border: 0;
      border-radius: 4px;
      background: none;
      color: var(--to-color-text);
      font: inherit;
      text-align: left;
      cursor: pointer;

      &:hover,
      &:focus-visible {
        background: var(--to-color-pale-blue);
      }

      &.folder {
        font-weight: 700;
      }

      &.selected {
        background: var(--to-color-blue);
        color: var(--to-color-white);
      }

      mat-icon {
        flex: none;
        width: 1.125rem;
        height: 1.125rem;
        transition: transform 0.1s;
      }

      mat-icon.open {
        transform: rotate(90deg);
      }
    }

    .viewer {
      min-width: 0;
    }
  `,
})
export class WorkspacePageComponent {
  private readonly session = inject(SessionService);
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  /** From the route, `/workspaces/:workspaceId`. */
  readonly workspaceId = input.required<string>();
  /** From the query, `?file=src/index.js`: the file shown, so that a file has an address. */
  readonly file = input<string | undefined>(undefined);

  protected readonly area = areaById('workspaces');
  protected readonly canWrite = computed(() => this.session.can('workspaces:write'));
  protected readonly describe = describeSource;
  protected readonly size = formatBytes;
  protected readonly workspace = httpResource<WorkspaceView>(() =>
    forActiveTenant(this.session, { url: workspaceUrl(this.workspaceId()) }),
  );
  private readonly tree = signal<TreeState>(EMPTY_TREE);
  protected readonly rows = computed(() => visibleRows(this.tree()));
  protected readonly treeLoaded = computed(() => '' in this.tree().children);
  protected readonly treeError = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);
  protected readonly actionError = signal<string | undefined>(undefined);
  protected readonly message = signal<string | undefined>(
    (this.router.getCurrentNavigation()?.extras.state as { notice?: string } | undefined)?.notice,
  );

  constructor() {
    // The tree loads once the workspace has loaded (and again for another workspace), not when
    // the workspace's details change (a refresh reloads it itself).
    const loaded = computed(() => this.workspace.hasValue());
    effect(() => {
      const id = this.workspaceId();
      if (!loaded()) return;
      untracked(() => void this.loadTree(id));
    });
  }

  protected toggle(folder: string): void {
    const { state, needsLoad } = toggleFolder(this.tree(), folder);
    this.tree.set(state);
    if (needsLoad) void this.loadFolder(this.workspaceId(), folder);
  }

  protected open(path: string): void {
    void this.router.navigate([], { queryParams: { file: path }, queryParamsHandling: 'merge' });
  }

  protected async refresh(): Promise<void> {
    await this.act(async () => {
      const updated = await firstValueFrom(
        this.http.post<WorkspaceView>(`${workspaceUrl(this.workspaceId())}/refresh`, {}),
      );
      this.workspace.set(updated);
      this.message.set(
        updated.commit
          ? `Refreshed. The files are now at commit ${updated.commit.slice(0, 8)}.`
          : 'Refreshed from the folder.',
      );
      await this.loadTree(this.workspaceId());
    }, 'We could not refresh this workspace.');
  }

  protected confirmRemove(workspace: WorkspaceView): void {
    const data: ConfirmDialogData = {
      title: `Remove “${workspace.name}”?`,
      message: [
        'Its copy of the files is deleted from TrustOps. The original repository or folder is not touched, and you can import it again later.',
        'Earlier agent transcripts about it are kept.',
      ],
      confirmLabel: 'Remove the workspace',
      destructive: true,
      action: () => firstValueFrom(this.http.delete<void>(workspaceUrl(workspace.id))),
    };
    ConfirmDialogComponent.ask(this.dialog, data).subscribe((removed) => {
      if (removed) void this.router.navigate(['/workspaces']);
    });
  }

  protected async update(changes: UpdateWorkspaceRequest): Promise<void> {
    await this.act(async () => {
      this.workspace.set(
        await firstValueFrom(this.http.patch<WorkspaceView>(workspaceUrl(this.workspaceId()), changes)),
      );
    }, 'We could not change what agents may do.');
  }

  private async act(action: () => Promise<void>, fallback: string): Promise<void> {
    this.busy.set(true);
    this.actionError.set(undefined);
    try {
      await action();
    } catch (error) {
      this.actionError.set(describeHttpError(error, fallback));
      this.workspace.reload();
    } finally {
      this.busy.set(false);
    }
  }

  /** The top folder, then the folders above the file in the address, so that it shows in the tree. */
  private async loadTree(id: string): Promise<void> {
    this.tree.set(EMPTY_TREE);
    await this.loadFolder(id, '');
    for (const folder of parentFolders(this.file() ?? '')) {
      const { state, needsLoad } = toggleFolder(this.tree(), folder);
      this.tree.set(state);
      if (needsLoad) await this.loadFolder(id, folder);
    }
  }

  private async loadFolder(id: string, folder: string): Promise<void> {
    this.treeError.set(undefined);
    try {
      const listing = await firstValueFrom(this.http.get<WorkspaceTreeResponse>(workspaceTreeUrl(id, folder)));
      if (id === this.workspaceId()) this.tree.set(withFolderLoaded(this.tree(), folder, listing.entries));
    } catch (error) {
      this.tree.set({ ...this.tree(), loading: this.tree().loading.filter((item) => item !== folder) });
      this.treeError.set(describeHttpError(error, 'We could not list the files.'));
    }
  }
}
