import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

/**
 * The newest / newer / older buttons of a list paged by cursor (newest first), labelled with
 * what is listed: `<to-cursor-pager-buttons noun="runs" [atNewest]="…" [hasOlder]="…" (older)="…" />`.
 */
@Component({
  selector: 'to-cursor-pager-buttons',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule],
  host: { class: 'pager-buttons' },
  template: `
    <button
      mat-icon-button
      type="button"
      [attr.aria-label]="'Newest ' + noun()"
      [disabled]="atNewest()"
      (click)="newest.emit()"
    >
      <mat-icon svgIcon="first-page" />
    </button>
    <button
      mat-icon-button
      type="button"
      [attr.aria-label]="'Newer ' + noun()"
      [disabled]="atNewest()"
      (click)="newer.emit()"
    >
      <mat-icon svgIcon="chevron-left" />
    </button>
    <button
      mat-icon-button
      type="button"
      [attr.aria-label]="'Older ' + noun()"
      [disabled]="!hasOlder()"
      (click)="older.emit()"
    >
      <mat-icon svgIcon="chevron-right" />
    </button>
  `,
})
export class CursorPagerButtonsComponent {
  /** What the list holds, in the plural: "records", "runs". */
  readonly noun = input.required<string>();
  readonly atNewest = input.required<boolean>();
  readonly hasOlder = input.required<boolean>();
  readonly newest = output();
  readonly newer = output();
  readonly older = output();
}
