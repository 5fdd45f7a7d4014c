import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { WIZARDS, type WizardInfo } from './wizard-catalogue';

/** The guided wizards as tiles (home page and the wizards page); the whole tile opens the wizard. */
@Component({
  selector: 'to-wizard-tiles',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, RouterLink],
  template: `
    <ul class="wizard-tiles">
      @for (wizard of wizards(); track wizard.key) {
        <li class="wizard-tile">
          <span class="icon" aria-hidden="true"><mat-icon [svgIcon]="wizard.icon" /></span>
          <h3>
            <a class="wizard-link" [routerLink]="['/wizards', wizard.key]">{{ wizard.title }}</a>
          </h3>
          <p>{{ wizard.blurb }}</p>
          @if (detailed()) {
            <p class="produces">{{ wizard.produces }}</p>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .wizard-tiles {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
      gap: 1rem;
      padding: 0;
      margin: 0;
      list-style: none;
    }

    .wizard-tile {
      position: relative;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      padding: 1.25rem;
      border: 1px solid var(--to-color-border);
      border-top: 4px solid var(--to-color-blue);
      border-radius: 8px;
      background: var(--to-color-white);
    }

    .wizard-tile:hover {
      box-shadow: 0 4px 12px rgb(33 43 50 / 16%);
    }

    .wizard-tile:has(.wizard-link:focus-visible) {
      outline: 3px solid var(--to-color-focus);
    }

    .icon {
      color: var(--to-color-blue);
    }

    h3 {
      margin: 0;
      font-size: 1.1875rem;
    }

    p {
      margin: 0;
      line-height: 1.5;
    }

    .produces {
      color: var(--to-color-secondary-text);
      font-size: 0.9375rem;
    }

    .wizard-link {
      color: var(--to-color-blue);
    }

    .wizard-link::after {
      position: absolute;
      inset: 0;
      content: '';
    }

    .wizard-link:focus-visible {
      outline: none;
    }
  `,
})
export class WizardTilesComponent {
  readonly wizards = input<readonly WizardInfo[]>(WIZARDS);
  /** Also say what each wizard produces. */
  readonly detailed = input(false);
}
