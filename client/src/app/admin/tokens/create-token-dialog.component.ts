import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { CreateApiTokenResponse, Permission } from '@trustops/contracts';
import { PermissionPickerComponent } from '../../shared/permission-picker/permission-picker.component';
import { AdminApi } from '../admin-api';
import { DialogSubmitComponent } from '../../shared/dialog-submit/dialog-submit.component';
import { PendingAction } from '../../shared/pending-action';

export interface CreateTokenDialogData {
  /** The creator's own permissions: a token can have no more. */
  available: readonly Permission[];
}

export const TOKEN_EXPIRY_CHOICES = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 180, label: '6 months' },
  { days: 365, label: '1 year' },
] as const;

/** Name, permissions and lifetime of a new personal API token. Closes with the server's answer, secret included. */
@Component({
  selector: 'to-create-token-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DialogSubmitComponent,

    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    PermissionPickerComponent,
    ReactiveFormsModule,
  ],
  template: `
    <h2 mat-dialog-title>Create an API token</h2>
    <form [formGroup]="form" (ngSubmit)="create()">
      <mat-dialog-content>
        <p>
          A tool holding this token can act as you, with only the permissions you choose, until it expires or you revoke
          it.
        </p>
        <div class="fields">
          <mat-form-field>
            <mat-label>Name</mat-label>
            <input matInput formControlName="name" maxlength="100" required />
            <mat-hint>What will use it, e.g. “MCP on my laptop”</mat-hint>
            @if (form.controls.name.hasError('required')) {
              <mat-error>Enter a name, so you can tell your tokens apart</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Expires after</mat-label>
            <mat-select formControlName="expiresInDays">
              @for (choice of expiryChoices; track choice.days) {
                <mat-option [value]="choice.days">{{ choice.label }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>

        <to-permission-picker
          hint="You can only give a token permissions you have yourself."
          [available]="data.available"
          [selected]="permissions()"
          (selectedChange)="permissions.set($event)"
          [showMissing]="submitted()"
        />
      </mat-dialog-content>
      <to-dialog-submit label="Create token" [busy]="busy()" [error]="error()" />
    </form>
  `,
  styles: `
    .fields {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: 0 1rem;
    }
  `,
})
export class CreateTokenDialogComponent {
  protected readonly data = inject<CreateTokenDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<CreateTokenDialogComponent, CreateApiTokenResponse>>(MatDialogRef);
  private readonly api = inject(AdminApi);

  protected readonly expiryChoices = TOKEN_EXPIRY_CHOICES;
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    expiresInDays: new FormControl<number>(30, { nonNullable: true }),
  });
  protected readonly permissions = signal<Permission[]>([]);
  protected readonly submitted = signal(false);
  private readonly pending = new PendingAction();
  protected readonly busy = this.pending.busy;
  protected readonly error = this.pending.error;

  protected async create(): Promise<void> {
    this.submitted.set(true);
    this.form.markAllAsTouched();
    if (this.form.invalid || this.permissions().length === 0) {
      return;
    }
    const { name, expiresInDays } = this.form.getRawValue();
    await this.pending.run(async () => {
      const created = await this.api.createApiToken({
        name: name.trim(),
        permissions: this.permissions(),
        expiresInDays,
      });
      this.dialogRef.close(created);
    }, 'We could not create the token. Try again.');
  }
}
