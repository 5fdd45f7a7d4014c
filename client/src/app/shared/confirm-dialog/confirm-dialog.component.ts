import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { describeHttpError } from '../../core/http-error';

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
  imports: [MatButtonModule, MatDialogModule, MatIconModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      @for (paragraph of data.message; track $index) {
        <p>{{ paragraph }}</p>
      }
      @if (error(); as error) {
        <p class="form-error" role="alert">
          <mat-icon svgIcon="warning" />
          <span>{{ error }}</span>
        </p>
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
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ConfirmDialogComponent, boolean>>(MatDialogRef);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | undefined>(undefined);

  protected async confirm(): Promise<void> {
    this.busy.set(true);
    this.error.set(undefined);
    try {
      await this.data.action();
      this.dialogRef.close(true);
    } catch (error) {
      this.error.set(describeHttpError(error));
    } finally {
      this.busy.set(false);
    }
  }
}
