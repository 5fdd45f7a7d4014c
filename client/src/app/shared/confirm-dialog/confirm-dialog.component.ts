import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, type MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { Observable } from 'rxjs';
import { FormErrorComponent } from '../form-error/form-error.component';
import { PendingAction } from '../pending-action';

export interface ConfirmDialogData {
  title: string;
  /** One or more paragraphs. */
  message: readonly string[];
  confirmLabel: string;
  /** Styles the confirm button as a warning: for taking something away. */
  destructive?: boolean;
  /** Runs when confirmed; the dialog stays open with the error if it fails, and closes with `true` if it succeeds. */
  action: () => Promise<unknown>;
}

/** "Are you sure?" that also does the thing, so a failure is shown where the person is looking. */
@Component({
  selector: 'to-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormErrorComponent, MatButtonModule, MatDialogModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      @for (paragraph of data.message; track $index) {
        <p>{{ paragraph }}</p>
      }
      @if (error(); as error) {
        <to-form-error>{{ error }}</to-form-error>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
      <button
        mat-flat-button
        type="button"
        [class.destructive]="data.destructive"
        [disabled]="busy()"
        (click)="confirm()"
      >
        {{ data.confirmLabel }}
      </button>
    </mat-dialog-actions>
  `,
})
export class ConfirmDialogComponent {
  /** Asks; emits true once the confirmed action has succeeded, anything else when the person cancelled. */
  static ask(dialog: MatDialog, data: ConfirmDialogData): Observable<boolean | undefined> {
    return dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
        data,
        width: '32rem',
        maxWidth: 'calc(100vw - 2rem)',
      })
      .afterClosed();
  }

  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ConfirmDialogComponent, boolean>>(MatDialogRef);
  private readonly pending = new PendingAction();
  protected readonly busy = this.pending.busy;
  protected readonly error = this.pending.error;

  protected async confirm(): Promise<void> {
    await this.pending.run(async () => {
      await this.data.action();
      this.dialogRef.close(true);
    });
  }
}
