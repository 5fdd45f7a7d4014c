import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { IconName } from '../../core/icons';

/**
 * The top of a page in the runs, approvals and runbooks areas: the area's picture, the page's
 * heading and lead, and (projected) the page's main actions on the right.
 */
@Component({
  selector: 'to-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    <span class="icon-frame" aria-hidden="true">
      <mat-icon [svgIcon]="icon()" />
    </span>
    <div class="heading">
      <ng-content select="[pageHeaderAbove]" />
      <h1>{{ heading() }}</h1>
      @if (lead(); as lead) {
        <p class="lead">{{ lead }}</p>
      }
      <ng-content select="[pageHeaderBelow]" />
    </div>
    <div class="actions">
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: flex-start;
      margin-bottom: 1.5rem;
    }

    .heading {
      flex: 1 1 24rem;
      min-width: 0;
    }

    h1 {
      margin: 0 0 0.25rem;
      overflow-wrap: anywhere;
    }

    .lead {
      margin: 0;
      font-size: 1.1875rem;
      line-height: 1.5;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }

    .actions:empty {
      display: none;
    }

    @media (max-width: 599.98px) {
      .icon-frame {
        display: none;
      }
    }
  `,
})
export class PageHeaderComponent {
  readonly icon = input.required<IconName>();
  readonly heading = input.required<string>();
  readonly lead = input<string>();
}
