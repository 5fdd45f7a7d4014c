import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** What came of the person's last action: a polite confirmation, or an alert saying what went wrong. */
@Component({
  selector: 'to-outcome-messages',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    @if (success(); as success) {
      <p class="notice-ok" role="status">
        <mat-icon svgIcon="check" aria-hidden="true" />
        <span>{{ success }}</span>
      </p>
    }
    @if (problem(); as problem) {
      <p class="form-error" role="alert">
        <mat-icon svgIcon="warning" />
        <span>{{ problem }}</span>
      </p>
    }
  `,
  styles: `
    :host {
      display: block;
    }

    p {
      margin: 0 0 1rem;
    }

    .notice-ok {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      padding: 0.75rem 1rem;
      border-left: 4px solid var(--to-color-green);
      background: #e5f4ec;

      .mat-icon {
        color: var(--to-color-green);
      }
    }
  `,
})
export class OutcomeMessagesComponent {
  readonly success = input<string | undefined>();
  readonly problem = input<string | undefined>();
}
