import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { AuditVerifyResult } from '@trustops/contracts';
import { describeChainBreak } from './audit-text';

export type ChainStatus =
  { kind: 'checking' } | { kind: 'checked'; result: AuditVerifyResult } | { kind: 'error'; message: string };

/**
 * The banner above the audit trail: whether the hash chain is intact, from `GET /api/audit/verify`.
 * Icon, heading and colour all say the same thing, so none of them is needed alone.
 */
@Component({
  selector: 'to-audit-chain-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  template: `
    <section class="banner" [attr.data-state]="state()" role="status" aria-labelledby="chain-status-heading">
      @switch (state()) {
        @case ('checking') {
          <mat-spinner diameter="24" aria-hidden="true" />
          <div>
            <h2 id="chain-status-heading">Checking the audit trail…</h2>
            <p>Recomputing every record's fingerprint to make sure nothing has been altered or removed.</p>
          </div>
        }
        @case ('intact') {
          <mat-icon svgIcon="chain-intact" />
          <div>
            <h2 id="chain-status-heading">
              Audit trail intact — {{ checked() | number }} {{ checked() === 1 ? 'record' : 'records' }} checked
            </h2>
            <p>
              Every record links to the one before it and matches its fingerprint: nothing has been altered or removed.
            </p>
          </div>
        }
        @case ('broken') {
          <mat-icon svgIcon="chain-broken" />
          <div>
            <h2 id="chain-status-heading">Broken at record #{{ broken()?.sequence }}: {{ brokenReason() }}</h2>
            <p>
              The records up to #{{ broken()?.sequence }} were checked ({{ checked() | number }} in all). Someone may
              have changed or removed records directly in the database. Tell your information governance lead.
            </p>
            @if (broken()?.detail; as detail) {
              <p class="detail">Details: {{ detail }}</p>
            }
          </div>
        }
        @case ('error') {
          <mat-icon svgIcon="status-unknown" />
          <div>
            <h2 id="chain-status-heading">We could not check the audit trail</h2>
            <p>{{ errorMessage() }}</p>
          </div>
        }
      }
      @if (state() !== 'checking') {
        <button mat-stroked-button type="button" class="check-again" (click)="checkAgain.emit()">
          <mat-icon svgIcon="retry" />
          Check again
        </button>
      }
    </section>
  `,
  styles: `
    .banner {
      display: flex;
      gap: 1rem;
      align-items: flex-start;
      padding: 1rem 1.25rem;
      border: 1px solid var(--to-color-border);
      border-left: 6px solid var(--to-color-blue);
      border-radius: 4px;
      background: var(--to-color-white);

      > mat-icon {
        flex: none;
        width: 2rem;
        height: 2rem;
      }

      > div {
        flex: 1 1 12rem;
        min-width: 0;
      }

      h2 {
        margin: 0 0 0.25rem;
        font-size: 1.1875rem;
      }

      p {
        margin: 0;
      }

      .detail {
        margin-top: 0.25rem;
        color: var(--to-color-secondary-text);
        font-size: 0.875rem;
      }

      &[data-state='intact'] {
        border-left-color: var(--to-color-green);
        background: #e9f5ee;

        > mat-icon {
          color: var(--to-color-green);
        }
      }

      &[data-state='broken'] {
        border-left-color: var(--to-color-red);
        background: #fbe9e7;

        > mat-icon {
          color: var(--to-color-red);
        }
      }

      &[data-state='error'] > mat-icon {
        color: var(--to-color-secondary-text);
      }
    }

    .check-again {
      flex: none;
    }

    @media (max-width: 599.98px) {
      .banner {
        flex-wrap: wrap;
      }

      .check-again {
        margin-left: 3rem;
      }

      .banner > mat-icon {
        width: 1.75rem;
        height: 1.75rem;
      }
    }
  `,
})
export class AuditChainStatusComponent {
  readonly status = input.required<ChainStatus>();
  readonly checkAgain = output();

  protected readonly state = computed(() => {
    const status = this.status();
    switch (status.kind) {
      case 'checking':
        return 'checking';
      case 'error':
        return 'error';
      case 'checked':
        return status.result.valid ? 'intact' : 'broken';
    }
  });
  protected readonly checked = computed(() => {
    const status = this.status();
    return status.kind === 'checked' ? status.result.checked : 0;
  });
  protected readonly broken = computed(() => {
    const status = this.status();
    return status.kind === 'checked' ? status.result.firstBrokenRecord : undefined;
  });
  protected readonly brokenReason = computed(() => {
    const broken = this.broken();
    return broken ? describeChainBreak(broken.reason) : 'the chain does not add up';
  });
  protected readonly errorMessage = computed(() => {
    const status = this.status();
    return status.kind === 'error' ? status.message : '';
  });
}
