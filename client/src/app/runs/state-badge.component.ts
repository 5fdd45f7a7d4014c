import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { StateView } from './run-text';

/** A run's or a step's state as a chip: an icon and words on a tinted background (never colour alone). */
@Component({
  selector: 'to-state-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  host: { '[attr.data-tone]': 'view().tone' },
  template: `<mat-icon [svgIcon]="view().icon" aria-hidden="true" /><span class="text">{{ view().text }}</span>`,
  styles: `
    :host {
      display: inline-flex;
      gap: 0.3rem;
      align-items: center;
      padding: 0.125rem 0.625rem 0.125rem 0.375rem;
      border: 1px solid var(--to-color-mid-grey);
      border-radius: 999px;
      background: var(--to-color-pale-grey);
      color: var(--to-color-text);
      font-size: 0.875rem;
      font-weight: 700;
      line-height: 1.5;
      white-space: nowrap;
    }

    mat-icon {
      width: 1.125rem;
      height: 1.125rem;
      color: var(--to-color-secondary-text);
    }

    :host([data-tone='success']) {
      border-color: var(--to-color-green);
      background: #e5f2ea;

      mat-icon {
        color: var(--to-color-green);
      }
    }

    :host([data-tone='failure']) {
      border-color: var(--to-color-red);
      background: #fbe9e7;

      mat-icon {
        color: var(--to-color-red);
      }
    }

    :host([data-tone='active']) {
      border-color: var(--to-color-blue);
      background: var(--to-color-pale-blue);

      mat-icon {
        color: var(--to-color-blue);
      }
    }

    :host([data-tone='waiting']) {
      border-color: #8a5a00;
      background: #fff4d6;

      mat-icon {
        color: #8a5a00;
      }
    }
  `,
})
export class StateBadgeComponent {
  readonly view = input.required<StateView>();
}
