import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { Area } from '../../core/areas';
import type { IconName } from '../../core/icons';

/**
 * The top of a page: its picture, its one h1 and a lead sentence, then (projected) the page's main
 * actions on the right. An area's own page passes `area`; a page within an area (one run, one
 * runbook) passes its own `icon`, `heading` and `lead`, which win over the area's. Facts under the
 * lead (state, dates, tags) are projected with the `areaHeaderBelow` attribute.
 */
@Component({
  selector: 'to-area-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    <header class="area-header">
      @if (shownIcon(); as icon) {
        <span class="icon-frame area-icon-frame" aria-hidden="true">
          <mat-icon [svgIcon]="icon" />
        </span>
      }
      <div class="heading">
        <h1>{{ shownHeading() }}</h1>
        @if (shownLead(); as lead) {
          <p class="lead">{{ lead }}</p>
        }
        <ng-content select="[areaHeaderBelow]" />
      </div>
      <div class="actions">
        <ng-content />
      </div>
    </header>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 1.5rem;
    }

    .area-header {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: flex-start;
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
      .area-icon-frame {
        display: none;
      }
    }
  `,
})
export class AreaHeaderComponent {
  readonly area = input<Area>();
  readonly icon = input<IconName>();
  readonly heading = input<string>();
  readonly lead = input<string>();

  protected readonly shownIcon = computed(() => this.icon() ?? this.area()?.icon);
  protected readonly shownHeading = computed(() => this.heading() ?? this.area()?.label ?? '');
  protected readonly shownLead = computed(() => this.lead() ?? this.area()?.description);
}
