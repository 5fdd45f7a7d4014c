import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

/** "‹ All runs": the way back up from a page to the list it came from. */
@Component({
  selector: 'to-back-link',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, RouterLink],
  template: `
    <a [routerLink]="link()">
      <mat-icon svgIcon="chevron-left" aria-hidden="true" />
      <ng-content />
    </a>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 1rem;
    }

    a {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
      font-weight: 700;
    }

    mat-icon {
      width: 1.25rem;
      height: 1.25rem;
    }
  `,
})
export class BackLinkComponent {
  readonly link = input.required<string | readonly unknown[]>();
}
