import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { INVITATION_LIFETIME_DAYS, type RoleSummary } from '@trustops/contracts';
import { DialogSubmitComponent } from '../../shared/dialog-submit/dialog-submit.component';
import { PendingAction } from '../../shared/pending-action';
import { AdminApi } from '../admin-api';

export interface InvitePersonDialogData {
  organisation: string;
  roles: readonly RoleSummary[];
}

/** Invite someone, by the email they sign in with, to join this organisation with a role. Closes with that email. */
@Component({
  selector: 'to-invite-person-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DialogSubmitComponent,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
  ],
  template: `
    <h2 mat-dialog-title>Invite a person to {{ data.organisation }}</h2>
    <form [formGroup]="form" (ngSubmit)="send()">
      <mat-dialog-content>
        <p>
          They will see the invitation on their Home page when they next open TrustOps, and join when they accept it. It
          lasts {{ lifetimeDays }} days.
        </p>
        <mat-form-field class="wide">
          <mat-label>Their email address</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="off" required />
          <mat-hint>The email they sign in with, e.g. name@nhs.net</mat-hint>
          @if (form.controls.email.invalid) {
            <mat-error>Enter an email address, e.g. name@nhs.net</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Role</mat-label>
          <mat-select formControlName="role" required>
            @for (role of data.roles; track role.key) {
              <mat-option [value]="role.key">{{ role.name }}{{ role.builtIn ? '' : ' (custom)' }}</mat-option>
            }
          </mat-select>
          @if (form.controls.role.invalid) {
            <mat-error>Choose the role they start with</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <to-dialog-submit label="Send invitation" [busy]="busy()" [error]="error()" />
    </form>
  `,
  styles: `
    .wide {
      width: 100%;
    }

    .wide + .wide {
      margin-top: 0.75rem;
    }
  `,
})
export class InvitePersonDialogComponent {
  protected readonly data = inject<InvitePersonDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<InvitePersonDialogComponent, string>>(MatDialogRef);
  private readonly api = inject(AdminApi);
  protected readonly lifetimeDays = INVITATION_LIFETIME_DAYS;

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    role: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  private readonly pending = new PendingAction();
  protected readonly busy = this.pending.busy;
  protected readonly error = this.pending.error;

  protected async send(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      return;
    }
    const email = this.form.controls.email.value.trim();
    await this.pending.run(async () => {
      await this.api.invite({ email, role: this.form.controls.role.value });
      this.dialogRef.close(email);
    }, 'We could not send the invitation. Try again.');
  }
}
