import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { DocumentListResponse, DocumentSummary } from '@trustops/contracts';
import { areaById } from '../core/areas';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { DOCUMENTS_URL, KIND_LABELS, STATE_LABELS } from './documents-api';
import {
  DOCUMENT_STATUSES,
  documentStatus,
  filterDocuments,
  STATUS_LABELS,
  type DocumentStatus,
} from './document-status';

/**
 * The Documents area's landing page: every document of the organisation, newest change first,
 * with its status (draft, in review, signed), who it was written for and when it last changed;
 * found by title or author and narrowed by status. People who may run agents start a
 * conversation from a prompt template here.
 */
@Component({
  selector: 'to-documents-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AreaHeaderComponent,
    DatePipe,
    LoadStateComponent,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTableModule,
    RouterLink,
  ],
  template: `
    <to-area-header [area]="area">
      @if (canUseAgents()) {
        <a mat-flat-button routerLink="/documents/ask">
          <mat-icon svgIcon="engine-claude" />
          Ask the agent from a template
        </a>
      }
    </to-area-header>

    <to-load-state
      [resource]="documents"
      loadingLabel="Loading documents"
      failureMessage="We could not load the documents."
    />

    @if (documents.hasValue() && all().length === 0) {
      <div class="empty-state">
        <h2>No documents yet</h2>
        <p>
          A document is written each time someone finishes a guided wizard, for example to assess the impact of a change
          or to document an integration.
        </p>
        @if (canStartWizards()) {
          <p><a routerLink="/wizards">Start a guided wizard</a> to write the first one.</p>
        }
      </div>
    } @else if (documents.hasValue()) {
      <div class="filters">
        <mat-form-field class="find" subscriptSizing="dynamic">
          <mat-label>Find a document</mat-label>
          <input matInput type="search" autocomplete="off" [value]="text()" (input)="text.set(valueOf($event))" />
          <mat-hint>By title or by who it was written for</mat-hint>
        </mat-form-field>
        <mat-button-toggle-group
          aria-label="Show documents that are"
          [value]="status()"
          (change)="status.set($event.value)"
          hideSingleSelectionIndicator
        >
          <mat-button-toggle value="all">All ({{ all().length }})</mat-button-toggle>
          @for (option of statuses; track option) {
            <mat-button-toggle [value]="option">{{ statusLabels[option] }} ({{ counts()[option] }})</mat-button-toggle>
          }
        </mat-button-toggle-group>
      </div>

      <p class="visually-hidden" role="status">{{ summary() }}</p>

      @if (shown().length === 0) {
        <div class="empty-state">
          <h2>No documents match</h2>
          <p>{{ summary() }}</p>
          <button mat-stroked-button type="button" (click)="showAll()">Show all documents</button>
        </div>
      } @else {
        <div class="table-frame stack-on-narrow">
          <table mat-table [dataSource]="shown()" aria-label="Documents" class="documents">
            <ng-container matColumnDef="title">
              <th mat-header-cell *matHeaderCellDef>Document</th>
              <td mat-cell *matCellDef="let document">
                <a class="title" [routerLink]="['/documents', document.id]">{{ document.title }}</a>
                <span class="kind">{{ kindLabel(document) }}</span>
              </td>
            </ng-container>

            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef>Status</th>
              <td mat-cell *matCellDef="let document" data-label="Status">
                @let status = statusOf(document);
                <span class="status-label" [attr.data-status]="status" [attr.data-tone]="tone(status)">
                  <mat-icon [svgIcon]="icon(status)" aria-hidden="true" />
                  {{ statusLabels[status] }}
                </span>
                @if (stageNote(document); as note) {
                  <span class="stage">{{ note }}</span>
                }
              </td>
            </ng-container>

            <ng-container matColumnDef="author">
              <th mat-header-cell *matHeaderCellDef>Written for</th>
              <td mat-cell *matCellDef="let document" data-label="Written for">
                {{ document.createdBy.displayName }}
              </td>
            </ng-container>

            <ng-container matColumnDef="updated">
              <th mat-header-cell *matHeaderCellDef>Last change</th>
              <td mat-cell *matCellDef="let document" data-label="Last change">
                <time [attr.datetime]="document.updatedAt">{{ document.updatedAt | date: 'd MMM y, HH:mm' }}</time>
              </td>
            </ng-container>

            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns"></tr>
          </table>
        </div>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }

    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem 1.5rem;
      align-items: flex-start;
      margin-bottom: 1rem;
    }

    .find {
      flex: 0 1 24rem;
    }

    .title {
      font-weight: 700;
    }

    .kind,
    .stage {
      display: block;
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }

    .empty-state h2 {
      margin: 0 0 0.25rem;
      font-size: 1.1875rem;
    }

    .empty-state p + p,
    .empty-state p + button {
      margin-top: 0.75rem;
    }
  `,
})
export class DocumentsPageComponent {
  private readonly session = inject(SessionService);

  protected readonly area = areaById('documents');
  protected readonly statuses = DOCUMENT_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly columns = ['title', 'status', 'author', 'updated'];

  protected readonly documents = httpResource<DocumentListResponse>(() =>
    forActiveTenant(this.session, { url: DOCUMENTS_URL }),
  );
  protected readonly all = computed(() => valueOr(this.documents, undefined)?.items ?? []);
  protected readonly status = signal<DocumentStatus | 'all'>('all');
  protected readonly text = signal('');
  protected readonly shown = computed(() => filterDocuments(this.all(), this.status(), this.text()));
  protected readonly counts = computed(() => {
    const counts: Record<DocumentStatus, number> = { draft: 0, 'in-review': 0, signed: 0 };
    for (const document of this.all()) counts[documentStatus(document.state)] += 1;
    return counts;
  });
  /** What the list shows, in words (read out when the filters change). */
  protected readonly summary = computed(() => {
    const count = this.shown().length;
    const status = this.status();
    const which = status === 'all' ? '' : ` ${STATUS_LABELS[status].toLowerCase()}`;
    const matching = this.text().trim() ? ` matching “${this.text().trim()}”` : '';
    return `${count === 0 ? 'No' : count}${which} ${count === 1 ? 'document' : 'documents'}${matching}.`;
  });

  protected readonly canUseAgents = computed(() => this.session.can('runners:use'));
  protected readonly canStartWizards = computed(() => this.session.can('runs:start'));

  protected kindLabel(document: DocumentSummary): string {
    return KIND_LABELS[document.kind];
  }

  protected statusOf(document: DocumentSummary): DocumentStatus {
    return documentStatus(document.state);
  }

  /** The later stage of a signed document (implemented, being verified, verified); nothing otherwise. */
  protected stageNote(document: DocumentSummary): string | undefined {
    return document.state === 'implemented' || document.state === 'verified' || document.state === 'verification'
      ? STATE_LABELS[document.state]
      : undefined;
  }

  protected tone(status: DocumentStatus): 'good' | 'quiet' | null {
    return status === 'signed' ? 'good' : status === 'draft' ? 'quiet' : null;
  }

  protected icon(status: DocumentStatus): 'lock' | 'approval' | 'document' {
    return status === 'signed' ? 'lock' : status === 'in-review' ? 'approval' : 'document';
  }

  protected valueOf(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected showAll(): void {
    this.status.set('all');
    this.text.set('');
  }
}
