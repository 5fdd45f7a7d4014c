import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { FormErrorComponent } from '../form-error/form-error.component';

/**
 * The end of a dialog that is a form: why its action failed, if it did, then Cancel and the form's
 * submit button named for what it does ("Create role"). Both buttons wait while the action runs.
 * Place it inside the dialog's `<form>`, after `<mat-dialog-content>`.
 */
@Component({
  selector: 'to-dialog-submit',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormErrorComponent, MatButtonModule, MatDialogModule],
  template: `
    @if (error(); as error) {
      <to-form-error class="dialog-error">{{ error }}</to-form-error>
    }
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
      <button mat-flat-button type="submit" [disabled]="busy()">{{ label() }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .dialog-error {
      margin: 0 24px;
    }
  `,
})
export class DialogSubmitComponent {
  readonly label = input.required<string>();
  readonly busy = input(false);
  /** Why the action failed, in plain English (`PendingAction.error`). */
  readonly error = input<string | undefined>(undefined);
}
