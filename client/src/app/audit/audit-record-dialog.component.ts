import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { AuditRecordView } from '@trustops/contracts';
import {
  describeActor,
  describeActorRole,
  describeChanges,
  describeOutcome,
  describeAuditRecordAction,
  describeResourceType,
  type RoleNames,
} from './audit-text';

export interface AuditRecordDialogData {
  record: AuditRecordView;
  /** The name of the person or custom role the record is about, when the page knows it. */
  resourceName?: string;
  /** Custom role key → name. */
  roleNames?: RoleNames;
}

/** One audit record in plain English; the hashes and the raw record are one click away. */
@Component({
  selector: 'to-audit-record-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatDialogModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>{{ action() }}</h2>
    <mat-dialog-content>
      <p class="subtitle">Record #{{ record.sequence }} · {{ record.occurredAt | date: 'EEEE d MMMM y, HH:mm:ss' }}</p>
      <dl class="facts">
        <dt>Who</dt>
        <dd>
          {{ actor() }}
          @if (actorRole()) {
            <span class="secondary">as {{ actorRole() }}</span>
          }
        </dd>
        <dt>Outcome</dt>
        <dd>
          <span class="outcome status-label" [attr.data-tone]="outcome().tone">
            <mat-icon [svgIcon]="outcome().icon" />
            {{ outcome().text }}
          </span>
          @if (record.reason) {
            <span class="secondary">— {{ record.reason }}</span>
          }
        </dd>
        <dt>What</dt>
        <dd>
          {{ resourceType() }}{{ data.resourceName ? ': ' + data.resourceName : '' }}
          @if (record.resource.id) {
            <code class="secondary">{{ record.resource.id }}</code>
          }
        </dd>
        <dt>Action code</dt>
        <dd>
          <code>{{ record.action }}</code>
        </dd>
        @if (record.actor.ip || record.actor.userAgent) {
          <dt>From</dt>
          <dd>
            {{ record.actor.ip ?? 'Unknown address' }}
            @if (record.actor.userAgent) {
              <span class="secondary user-agent">{{ record.actor.userAgent }}</span>
            }
          </dd>
        }
        <dt>Request ID</dt>
        <dd>
          @if (record.requestId) {
            <code>{{ record.requestId }}</code>
          } @else {
            None (not part of a web request)
          }
        </dd>
      </dl>

      <h3>What changed</h3>
      @if (changes().length === 0) {
        <p class="secondary">Nothing was recorded about the state before or after.</p>
      } @else {
        <div class="changes-frame">
          <table class="changes">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              @for (change of changes(); track change.field) {
                <tr>
                  <th scope="row">{{ change.field }}</th>
                  <td>{{ change.before }}</td>
                  <td>{{ change.after }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
        <p class="secondary note">Personal details are removed before anything is recorded.</p>
      }

      <button
        mat-button
        type="button"
        class="technical-toggle"
        aria-controls="audit-technical-details"
        [attr.aria-expanded]="showTechnical()"
        (click)="showTechnical.set(!showTechnical())"
      >
        <mat-icon [svgIcon]="showTechnical() ? 'chevron-left' : 'code'" />
        {{ showTechnical() ? 'Hide technical details' : 'Show technical details: hashes and raw record' }}
      </button>
      <div id="audit-technical-details" [hidden]="!showTechnical()">
        @if (showTechnical()) {
          <dl class="facts hashes">
            <dt>Fingerprint (SHA-256)</dt>
            <dd>
              <code>{{ record.hash }}</code>
            </dd>
            <dt>Previous record's fingerprint</dt>
            <dd>
              <code>{{ record.previousHash ?? 'None: this is the first record' }}</code>
            </dd>
          </dl>
          <pre class="raw" tabindex="0" aria-label="Raw record as JSON">{{ raw() }}</pre>
        }
      </div>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .subtitle {
      color: var(--to-color-secondary-text);
    }

    .facts {
      display: grid;
      grid-template-columns: minmax(7rem, max-content) 1fr;
      gap: 0.5rem 1rem;
      margin: 0 0 1rem;

      dt {
        font-weight: 700;
      }

      dd {
        min-width: 0;
        margin: 0;
        overflow-wrap: anywhere;
      }
    }

    .secondary {
      color: var(--to-color-secondary-text);
    }

    code.secondary,
    .user-agent {
      display: block;
      font-size: 0.8125rem;
    }

    h3 {
      margin: 0.5rem 0;
      font-size: 1.1875rem;
    }

    .changes-frame {
      overflow-x: auto;
    }

    .changes {
      width: 100%;
      border-collapse: collapse;

      th,
      td {
        padding: 0.375rem 0.75rem;
        border: 1px solid var(--to-color-border);
        text-align: left;
        vertical-align: top;
        overflow-wrap: anywhere;
      }

      thead th {
        background: var(--to-color-pale-grey);
      }
    }

    .note {
      margin: 0.25rem 0 0;
      font-size: 0.875rem;
    }

    .technical-toggle {
      margin: 1rem 0 0.5rem;
    }

    .hashes code {
      font-size: 0.8125rem;
      overflow-wrap: anywhere;
    }

    .raw {
      max-height: 20rem;
      padding: 0.75rem;
      margin: 0;
      overflow: auto;
      border-radius: 4px;
      background: var(--to-color-text);
      color: var(--to-color-white);
      font-size: 0.8125rem;
    }
  `,
})
export class AuditRecordDialogComponent {
  protected readonly data = inject<AuditRecordDialogData>(MAT_DIALOG_DATA);
  protected readonly record = this.data.record;

  protected readonly action = computed(() => describeAuditRecordAction(this.record, this.data.roleNames));
  protected readonly actor = computed(() => describeActor(this.record.actor));
  protected readonly actorRole = computed(() => describeActorRole(this.record.actor.role, this.data.roleNames));
  protected readonly outcome = computed(() => describeOutcome(this.record.outcome));
  protected readonly resourceType = computed(() => describeResourceType(this.record.resource.type));
  protected readonly changes = computed(() => describeChanges(this.record.before, this.record.after));
  protected readonly raw = computed(() => JSON.stringify(this.record, null, 2));
  protected readonly showTechnical = signal(false);
}
