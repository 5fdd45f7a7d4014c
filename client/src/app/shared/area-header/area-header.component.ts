import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { Area } from '../../core/areas';

/** The top of an area's page: its icon, its name as the page's one h1, and what it is for. */
@Component({
  selector: 'to-area-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    <header class="area-header">
      <span class="icon-frame area-icon-frame" aria-hidden="true">
        <mat-icon [svgIcon]="area().icon" />
      </span>
      <div>
        <h1>{{ area().label }}</h1>
        <p class="lead">{{ area().description }}</p>
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
      gap: 1rem;
      align-items: flex-start;
    }

    h1 {
      margin: 0 0 0.25rem;
    }

    .lead {
      margin: 0;
      font-size: 1.1875rem;
      line-height: 1.5;
    }

    @media (max-width: 599.98px) {
      .area-icon-frame {
        display: none;
      }
    }
  `,
})
export class AreaHeaderComponent {
  readonly area = input.required<Area>();
}
