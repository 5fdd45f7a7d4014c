import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { WizardTilesComponent } from './wizard-tiles.component';

/** The guided wizards, each a tile; the documents they wrote are one link away. */
@Component({
  selector: 'to-wizards-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AreaHeaderComponent, RouterLink, WizardTilesComponent],
  template: `
    <to-area-header
      icon="wizard"
      heading="Guided wizards"
      lead="Answer a few plain-English questions and TrustOps does the technical work, then shows you the result to check."
    />
    <to-wizard-tiles [detailed]="true" />
    <p class="documents">
      Every wizard ends in a document that a supervisor reviews and approves.
      <a routerLink="/documents">See the documents</a>.
    </p>
  `,
  styles: `
    :host {
      display: block;
    }

    .documents {
      margin-top: 1.5rem;
    }
  `,
})
export class WizardsPageComponent {}
