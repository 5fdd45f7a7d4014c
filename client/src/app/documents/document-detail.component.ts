import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { DocumentView } from '@trustops/contracts';
import { describeHttpError } from '../core/http-error';
import { SessionService } from '../core/session.service';
import { DocumentLifecycleComponent } from './document-lifecycle.component';
import { documentDownloadUrl, DocumentsApi, STATE_LABELS } from './documents-api';
import { MarkdownViewComponent } from '../shared/markdown/markdown-view.component';

/**
 * A wizard document: where it is in Draft → Review → Approve → Implement → Verify, its signature
 * (who approved which exact content), the next move open to the reader, a Markdown download, and
 * the document itself with its diagrams.
 */
@Component({
  selector: 'to-document-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DocumentLifecycleComponent,
    MarkdownViewComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    RouterLink,
  ],
  template: `
    @if (document(); as doc) {
      <section class="status" aria-labelledby="status-heading">
        <div class="status-top">
          <h2 id="status-heading">
            {{ doc.title }} <span class="badge" [attr.data-state]="doc.state">{{ stateLabel(doc) }}</span>
          </h2>
          <a mat-stroked-button [href]="downloadUrl(doc)" download>
            <mat-icon svgIcon="download" />
            Download (Markdown)
          </a>
        </div>
        <to-document-lifecycle [state]="doc.state" />
        <p class="next">{{ nextStep(doc) }}</p>
        @if (canAct()) {
          <div class="actions">
            @switch (doc.state) {
              @case ('draft') {
                <button mat-flat-button type="button" (click)="act('submit')" [disabled]="busy()">
                  <mat-icon svgIcon="approval" />
                  Submit for review
                </button>
              }
              @case ('approved') {
                <button mat-flat-button type="button" (click)="act('implemented')" [disabled]="busy()">
                  <mat-icon svgIcon="check" />
                  Mark as implemented
                </button>
              }
              @case ('implemented') {
                <button mat-flat-button type="button" (click)="act('verification')" [disabled]="busy()">
                  <mat-icon svgIcon="approval" />
                  Ask for verification
                </button>
              }
              @default {}
            }
          </div>
        }
        @if (actionError(); as message) {
          <p class="form-error" role="alert">{{ message }}</p>
        }
        @for (signature of doc.signatures; track signature.runId) {
          <div class="signature" [class.valid]="doc.signatureValid" data-testid="signature">
            <mat-icon [svgIcon]="doc.signatureValid ? 'lock' : 'warning'" />
            <div>
              <strong
                >{{ signature.stage === 'review' ? 'Approved' : 'Verified' }} by
                {{ signature.approver.displayName }}</strong
              >
              on {{ signature.approvedAt | date: 'd MMM y, HH:mm' }}
              <div class="hash">
                Signature (SHA-256 of the approved content): <code>{{ signature.contentSha256 }}</code>
              </div>
            </div>
          </div>
        }
        @if (doc.invalidatedSignatures.length > 0) {
          <p class="invalidated">
            <mat-icon svgIcon="warning" />
            The document was changed after {{ doc.invalidatedSignatures.length === 1 ? 'an approval' : 'approvals' }},
            so {{ doc.invalidatedSignatures.length === 1 ? 'it no longer applies' : 'they no longer apply' }}. Submit it
            again.
          </p>
        }
        <details class="history">
          <summary>History ({{ doc.history.length }})</summary>
          <ol>
            @for (entry of doc.history; track $index) {
              <li>
                {{ entry.at | date: 'd MMM y, HH:mm' }} — {{ entry.note }} ({{ entry.by.displayName }})
                @if (entry.runId) {
                  · <a [routerLink]="['/runs', entry.runId]">run</a>
                }
              </li>
            }
          </ol>
        </details>
      </section>
      <article class="document" aria-label="The document">
        @if (editing()) {
          <mat-form-field class="editor" subscriptSizing="dynamic">
            <mat-label>The document (Markdown)</mat-label>
            <textarea matInput rows="24" [value]="draft()" (input)="draft.set(textOf($event))"></textarea>
            @if (doc.signatures.length > 0) {
              <mat-hint
                >Saving a change means the approval no longer applies: the document goes back to draft.</mat-hint
              >
            }
          </mat-form-field>
          <div class="actions">
            <button mat-flat-button type="button" (click)="save()" [disabled]="busy()">Save changes</button>
            <button mat-button type="button" (click)="editing.set(false)">Cancel</button>
          </div>
        } @else {
          @if (canAct() && doc.state !== 'review' && doc.state !== 'verification') {
            <div class="edit-bar">
              <button mat-stroked-button type="button" (click)="startEditing(doc)">Edit the document</button>
            </div>
          }
          <to-markdown-view [markdown]="doc.content" />
        }
      </article>
    } @else if (loadError(); as message) {
      <p class="form-error" role="alert">{{ message }}</p>
    } @else {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the document" />
    }
  `,
  styles: `
    :host {
      display: block;
    }

    .status,
    .document {
      padding: 1rem 1.5rem;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
      background: var(--to-color-white);
      margin-bottom: 1rem;
    }

    .status-top {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 1rem;
      justify-content: space-between;
    }

    h2 {
      margin: 0;
      font-size: 1.375rem;
    }

    .badge {
      display: inline-block;
      margin-left: 0.5rem;
      padding: 0.125rem 0.5rem;
      border-radius: 3px;
      font-size: 0.875rem;
      background: var(--to-color-pale-grey);
      border: 1px solid var(--to-color-mid-grey);
      vertical-align: middle;
    }

    .badge[data-state='approved'],
    .badge[data-state='verified'] {
      background: #e6f4ea;
      border-color: var(--to-color-green);
    }

    .badge[data-state='review'],
    .badge[data-state='verification'] {
      background: var(--to-color-pale-blue);
      border-color: var(--to-color-blue);
    }

    .actions {
      display: flex;
      gap: 0.5rem;
      margin: 0.5rem 0;
    }

    .signature {
      display: flex;
      gap: 0.75rem;
      align-items: flex-start;
      margin: 0.75rem 0;
      padding: 0.75rem;
      border-left: 4px solid var(--to-color-warm-yellow);
      background: var(--to-color-pale-grey);
    }

    .signature.valid {
      border-left-color: var(--to-color-green);
    }

    .hash code {
      overflow-wrap: anywhere;
      font-size: 0.8125rem;
    }

    .invalidated {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      color: var(--to-color-red);
      font-weight: 700;
    }

    .history {
      margin-top: 0.75rem;
    }

    .next {
      margin: 0.25rem 0;
    }

    .editor {
      width: 100%;
    }

    .editor textarea {
      font-family: monospace;
    }

    .edit-bar {
      display: flex;
      justify-content: flex-end;
    }
  `,
})
export class DocumentDetailComponent {
  readonly documentId = input.required<string>();

  private readonly api = inject(DocumentsApi);
  private readonly session = inject(SessionService);

  protected readonly document = signal<DocumentView | undefined>(undefined);
  protected readonly loadError = signal<string | undefined>(undefined);
  protected readonly actionError = signal<string | undefined>(undefined);
  protected readonly busy = signal(false);
  protected readonly editing = signal(false);
  protected readonly draft = signal('');
  protected readonly canAct = (): boolean => this.session.can('runs:start');

  constructor() {
    effect(() => {
      const id = this.documentId();
      void this.load(id);
    });
  }

  async load(id = this.documentId()): Promise<void> {
    try {
      this.document.set(await this.api.get(id));
      this.loadError.set(undefined);
    } catch (error) {
      this.loadError.set(describeHttpError(error, 'We could not load the document. Try again.'));
    }
  }

  protected startEditing(doc: DocumentView): void {
    this.draft.set(doc.content);
    this.actionError.set(undefined);
    this.editing.set(true);
  }

  protected textOf(event: Event): string {
    return (event.target as HTMLTextAreaElement).value;
  }

  protected async save(): Promise<void> {
    const doc = this.document();
    if (!doc || this.busy()) return;
    this.busy.set(true);
    try {
      this.document.set(await this.api.update(doc.id, { content: this.draft() }));
      this.editing.set(false);
    } catch (error) {
      this.actionError.set(describeHttpError(error, 'The changes could not be saved. Try again.'));
    } finally {
      this.busy.set(false);
    }
  }

  protected stateLabel(doc: DocumentView): string {
    return STATE_LABELS[doc.state];
  }

  protected downloadUrl(doc: DocumentView): string {
    return documentDownloadUrl(doc.id);
  }

  protected nextStep(doc: DocumentView): string {
    switch (doc.state) {
      case 'draft':
        return 'Read it through. When it is right, submit it: a supervisor reviews it and their approval signs this exact content.';
      case 'review':
        return 'A supervisor has been asked to review it (it is in their approvals inbox). You cannot approve your own document.';
      case 'approved':
        return 'Approved. When the work it describes has been done, mark it as implemented.';
      case 'implemented':
        return 'Implemented. Ask a supervisor to verify the implementation.';
      case 'verification':
        return 'A supervisor has been asked to verify the implementation.';
      case 'verified':
        return 'Verified: the work is complete.';
    }
  }

  protected async act(action: 'submit' | 'implemented' | 'verification'): Promise<void> {
    const doc = this.document();
    if (!doc || this.busy()) return;
    this.busy.set(true);
    this.actionError.set(undefined);
    try {
      const updated =
        action === 'submit'
          ? await this.api.submit(doc.id)
          : action === 'implemented'
            ? await this.api.markImplemented(doc.id)
            : await this.api.requestVerification(doc.id);
      this.document.set(updated);
    } catch (error) {
      this.actionError.set(describeHttpError(error, 'That did not work. Try again.'));
    } finally {
      this.busy.set(false);
    }
  }
}
