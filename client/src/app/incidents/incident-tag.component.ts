import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { Described } from './incident-text';

/**
 * A state as a small tag: an icon and words on a tinted background. The words carry the meaning;
 * the icon and colour back them up, so nothing relies on colour alone.
 */
@Component({
  selector: 'to-incident-tag',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    <span class="tag" [attr.data-tone]="described().tone">
      <mat-icon [svgIcon]="described().icon" aria-hidden="true" />
      <span>
        @if (prefix(); as prefix) {
          <span class="prefix">{{ prefix }} </span>
        }
        {{ described().text }}</span
      >
    </span>
  `,
  styles: `
    :host {
      display: inline-block;
    }

    .tag {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
      padding: 0.125rem 0.625rem 0.125rem 0.375rem;
      border: 1px solid currentColor;
      border-radius: 999px;
      font-size: 0.875rem;
      font-weight: 700;
      line-height: 1.5;
      white-space: nowrap;

      .mat-icon {
        width: 1.125rem;
        height: 1.125rem;
      }
    }

    .prefix {
      font-weight: 400;
    }

    [data-tone='bad'] {
      background: #fbe9e7;
      color: #a8200f;
    }

    [data-tone='warning'] {
      background: #fff4d6;
      color: #6b4500;
    }

    [data-tone='good'] {
      background: #e5f4ec;
      color: var(--to-color-green);
    }

    [data-tone='info'] {
      background: var(--to-color-pale-blue);
      color: var(--to-color-dark-blue);
    }

    [data-tone='quiet'] {
      background: var(--to-color-pale-grey);
      color: var(--to-color-secondary-text);
    }
  `,
})
export class IncidentTagComponent {
  readonly described = input.required<Described>();
  /** Words before the state, e.g. "Severity:", so the tag reads well on its own. */
  readonly prefix = input<string>();
}
