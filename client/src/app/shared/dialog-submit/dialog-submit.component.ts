import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';

/**
 * The buttons of a dialog that is a form: Cancel, and the form's submit button named for what it
 * does ("Create role"). Both wait while the action runs. Place it inside the dialog's `<form>`.
 */
@Component({
  selector: 'to-dialog-submit',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatDialogModule],
  template: `
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
      <button mat-flat-button type="submit" [disabled]="busy()">{{ label() }}</button>
    </mat-dialog-actions>
  `,
})
export class DialogSubmitComponent {
  readonly label = input.required<string>();
  readonly busy = input(false);
}
