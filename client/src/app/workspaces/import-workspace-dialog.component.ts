import { HttpClient, httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ImportWorkspaceRequest, WorkspaceImportOptions, WorkspaceView } from '@trustops/contracts';
import { firstValueFrom } from 'rxjs';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { PendingAction } from '../shared/pending-action';
import { guessSourceKind, importSourceProblem, WORKSPACE_IMPORT_OPTIONS_URL, WORKSPACES_URL } from './workspaces-api';

/** What the dialog closes with: the workspace, and whether it was already there. */
export interface ImportWorkspaceResult {
  workspace: WorkspaceView;
  created: boolean;
}

/** A git address or a server folder to import as a workspace, with the allowed places shown. */
@Component({
  selector: 'to-import-workspace-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormErrorComponent,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  template: `
    <h2 mat-dialog-title>Import a workspace</h2>
    <form (submit)="$event.preventDefault(); import()">
      <mat-dialog-content>
        <p>
          Import the code of an integration so that you and the agents can read it. Importing the same source again
          opens the workspace you already have.
        </p>
        <mat-form-field class="wide">
          <mat-label>Git address or folder on the server</mat-label>
          <input
            matInput
            name="source"
            aria-required="true"
            autocomplete="off"
            [value]="source()"
            (input)="source.set($any($event.target).value)"
          />
          <mat-hint>{{ kindHint() }}</mat-hint>
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Name (optional)</mat-label>
          <input matInput name="name" maxlength="200" [value]="name()" (input)="name.set($any($event.target).value)" />
          <mat-hint>Shown in lists, e.g. “ADT feed”</mat-hint>
        </mat-form-field>
        @if (options.hasValue() && options.value().suggestions.length > 0) {
          <div class="suggestions">
            <p>Found on the server:</p>
            <ul>
              @for (suggestion of options.value().suggestions; track suggestion.path) {
                <li>
                  <button mat-stroked-button type="button" (click)="source.set(suggestion.path)">
                    {{ suggestion.name }}
                  </button>
                  <code>{{ suggestion.path }}</code>
                </li>
              }
            </ul>
          </div>
        }
        @if (options.hasValue()) {
          <div class="allowed">
            <p>You can import from:</p>
            <ul>
              @for (scheme of options.value().gitSchemes; track scheme) {
                <li>
                  git addresses starting <code>{{ scheme }}://</code>
                </li>
              }
              @for (root of options.value().allowedRoots; track root) {
                <li>
                  folders inside <code>{{ root }}</code>
                </li>
              }
            </ul>
            <p class="limit">
              At most {{ options.value().maxFiles.toLocaleString('en-GB') }} files and
              {{ Math.round(options.value().maxBytes / 1048576) }} MB.
            </p>
          </div>
        }
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Importing" />
        }
        @if (shownError(); as error) {
          <to-form-error>{{ error }}</to-form-error>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Import</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .wide {
      width: 100%;
    }

    .allowed {
      margin-top: 0.5rem;
      font-size: 0.9375rem;

      p {
        margin: 0.25rem 0;
      }

      ul {
        margin: 0;
      }
    }

    .suggestions {
      margin-top: 0.5rem;

      p {
        margin: 0 0 0.25rem;
      }

      ul {
        display: grid;
        gap: 0.25rem;
        padding: 0;
        margin: 0;
        list-style: none;
      }

      li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }

      code {
        color: var(--to-color-secondary-text);
        font-size: 0.8125rem;
        overflow-wrap: anywhere;
      }
    }

    .limit {
      color: var(--to-color-secondary-text);
    }
  `,
})
export class ImportWorkspaceDialogComponent {
  private readonly http = inject(HttpClient);
  private readonly dialogRef =
    inject<MatDialogRef<ImportWorkspaceDialogComponent, ImportWorkspaceResult>>(MatDialogRef);
  protected readonly Math = Math;
  protected readonly options = httpResource<WorkspaceImportOptions>(() => WORKSPACE_IMPORT_OPTIONS_URL);
  protected readonly source = signal('');
  protected readonly name = signal('');
  private readonly submitted = signal(false);
  private readonly pending = new PendingAction();
  protected readonly busy = this.pending.busy;
  protected readonly kindHint = computed(() =>
    this.source().trim() === ''
      ? 'For example https://git.example.nhs.uk/integration/tie.git or /srv/integrations/tie'
      : guessSourceKind(this.source()) === 'git'
        ? 'This will be cloned with git.'
        : 'This folder will be copied.',
  );
  protected readonly shownError = computed(
    () => (this.submitted() ? importSourceProblem(this.source()) : undefined) ?? this.pending.error(),
  );

  protected async import(): Promise<void> {
    this.submitted.set(true);
    if (importSourceProblem(this.source())) return;
    const body: ImportWorkspaceRequest = {
      source: this.source().trim(),
      ...(this.name().trim() ? { name: this.name().trim() } : {}),
    };
    await this.pending.run(async () => {
      const response = await firstValueFrom(
        this.http.post<WorkspaceView>(WORKSPACES_URL, body, { observe: 'response' }),
      );
      if (response.body) this.dialogRef.close({ workspace: response.body, created: response.status === 201 });
    }, 'We could not import that workspace.');
  }
}
