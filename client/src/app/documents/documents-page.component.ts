import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { DocumentListResponse, DocumentSummary } from '@trustops/contracts';
import { describeHttpError } from '../core/http-error';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { DOCUMENTS_URL, STATE_LABELS } from './documents-api';

/** Every wizard document of the tenant, newest first, with where each is in its review. */
@Component({
  selector: 'to-documents-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatProgressBarModule, AreaHeaderComponent, RouterLink],
  template: `
    <to-area-header
      icon="runbook"
      heading="Documents"
      lead="What the wizards wrote, and where each document is: draft, review, approval, implementation, verification."
    />
    @if (documents.isLoading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading documents" />
    }
    @if (error(); as message) {
      <p class="form-error" role="alert">{{ message }}</p>
    }
    @if (items().length === 0 && documents.hasValue()) {
      <p>No documents yet. <a routerLink="/wizards">Start a wizard</a> to write one.</p>
    } @else {
      <table class="documents">
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Stage</th>
            <th scope="col">Written for</th>
            <th scope="col">Last change</th>
          </tr>
        </thead>
        <tbody>
          @for (document of items(); track document.id) {
            <tr>
              <td>
                <a [routerLink]="['/documents', document.id]">{{ document.title }}</a>
              </td>
              <td>{{ label(document) }}</td>
              <td>{{ document.createdBy.displayName }}</td>
              <td>{{ document.updatedAt | date: 'd MMM y, HH:mm' }}</td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    .documents {
      width: 100%;
      max-width: 60rem;
      border-collapse: collapse;
      background: var(--to-color-white);
    }

    th,
    td {
      text-align: left;
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid var(--to-color-border);
    }
  `,
})
export class DocumentsPageComponent {
  private readonly session = inject(SessionService);
  protected readonly documents = httpResource<DocumentListResponse>(() =>
    forActiveTenant(this.session, { url: DOCUMENTS_URL }),
  );
  protected readonly items = computed(() => valueOr(this.documents, undefined)?.items ?? []);
  protected readonly error = computed(() => {
    const error = this.documents.error();
    return error ? describeHttpError(error, 'We could not load the documents.') : undefined;
  });

  protected label(document: DocumentSummary): string {
    return STATE_LABELS[document.state];
  }
}
