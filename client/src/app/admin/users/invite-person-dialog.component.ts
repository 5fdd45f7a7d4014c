import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { RoleSummary } from '@trustops/contracts';
import { DialogSubmitComponent } from '../../shared/dialog-submit/dialog-submit.component';
import { PendingAction } from '../../shared/pending-action';
import { AdminApi } from '../admin-api';

export interface AddMemberDialogData {
  organisation: string;
  roles: readonly RoleSummary[];
}

/** Bring someone who has signed in to TrustOps before into this organisation. Closes with their email. */
@Component({
  selector: 'to-add-member-dialog',
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
    <h2 mat-dialog-title>Add a person to {{ data.organisation }}</h2>
    <form [formGroup]="form" (ngSubmit)="add()">
      <mat-dialog-content>
        <p>They need to have signed in to TrustOps once, in any organisation.</p>
        <mat-form-field class="wide">
          <mat-label>Their email address</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="off" required />
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
      <to-dialog-submit label="Add person" [busy]="busy()" [error]="error()" />
    </form>
  `,
  styles: `
    .wide {
      width: 100%;
    }
  `,
})
export class AddMemberDialogComponent {
  protected readonly data = inject<AddMemberDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<AddMemberDialogComponent, string>>(MatDialogRef);
  private readonly api = inject(AdminApi);

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    role: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  private readonly pending = new PendingAction();
  protected readonly busy = this.pending.busy;
  protected readonly error = this.pending.error;

  protected async add(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      return;
    }
    const { email, role } = this.form.getRawValue();
    await this.pending.run(async () => {
      await this.api.addMember({ email: email.trim(), role });
      this.dialogRef.close(email.trim());
    }, 'We could not add that person. Try again.');
  }
}
