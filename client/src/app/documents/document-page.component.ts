import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { BackLinkComponent } from '../shared/back-link/back-link.component';
import { DocumentDetailComponent } from './document-detail.component';

/** One wizard document: its review lifecycle, signature and content (`/documents/:id`). */
@Component({
  selector: 'to-document-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BackLinkComponent, DocumentDetailComponent],
  template: `
    <to-back-link link="/documents">All documents</to-back-link>
    <to-document-detail [documentId]="id()" />
  `,
})
export class DocumentPageComponent {
  readonly id = input.required<string>();
}
