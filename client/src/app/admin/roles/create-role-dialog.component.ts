import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { isRoleName, type Permission, type RoleSummary } from '@trustops/contracts';
import { PermissionPickerComponent } from '../../shared/permission-picker/permission-picker.component';
import { AdminApi } from '../admin-api';
import { DialogSubmitComponent } from '../../shared/dialog-submit/dialog-submit.component';
import { PendingAction } from '../../shared/pending-action';

/** The server's rule for a custom role's key (`CreateRoleDto`). */
const ROLE_KEY_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;

/** "Ward manager (nights)" → "ward-manager-nights". */
export function roleKeyFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents dropped, not turned into hyphens
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 63);
}

/** A custom role: a name, a key, what it is for, and the permissions it grants. Closes with the new role. */
@Component({
  selector: 'to-create-role-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DialogSubmitComponent,

    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    PermissionPickerComponent,
    ReactiveFormsModule,
  ],
  template: `
    <h2 mat-dialog-title>Create a custom role</h2>
    <form [formGroup]="form" (ngSubmit)="create()">
      <mat-dialog-content>
        <div class="fields">
          <mat-form-field>
            <mat-label>Name</mat-label>
            <input matInput formControlName="name" maxlength="100" required (input)="suggestKey()" />
            <mat-hint>How the role is shown, e.g. “Ward manager”</mat-hint>
            @if (form.controls.name.hasError('required')) {
              <mat-error>Enter a name for the role</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Key</mat-label>
            <input matInput formControlName="key" maxlength="63" required (input)="keyEdited = true" />
            <mat-hint>Lower-case letters, digits and hyphens, e.g. ward-manager</mat-hint>
            @if (form.controls.key.hasError('required')) {
              <mat-error>Enter a key for the role</mat-error>
            } @else if (form.controls.key.hasError('pattern')) {
              <mat-error>Use 2 to 63 lower-case letters, digits and hyphens, starting with a letter</mat-error>
            } @else if (form.controls.key.hasError('builtIn')) {
              <mat-error>That is a built-in role's key: choose another</mat-error>
            }
          </mat-form-field>
        </div>
        <mat-form-field class="description">
          <mat-label>What the role is for (optional)</mat-label>
          <textarea matInput formControlName="description" rows="2" maxlength="500"></textarea>
        </mat-form-field>

        <to-permission-picker
          hint="Tick what people with this role may do."
          [selected]="permissions()"
          (selectedChange)="permissions.set($event)"
          [showMissing]="submitted()"
        />
      </mat-dialog-content>
      <to-dialog-submit label="Create role" [busy]="busy()" [error]="error()" />
    </form>
  `,
  styles: `
    .fields {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: 0 1rem;
      margin-top: 0.5rem;
    }

    .description {
      width: 100%;
    }
  `,
})
export class CreateRoleDialogComponent {
  private readonly dialogRef = inject<MatDialogRef<CreateRoleDialogComponent, RoleSummary>>(MatDialogRef);
  private readonly api = inject(AdminApi);

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(100)] }),
    key: new FormControl('', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.pattern(ROLE_KEY_PATTERN),
        (control) => (isRoleName(String(control.value)) ? { builtIn: true } : null),
      ],
    }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(500)] }),
  });
  protected readonly permissions = signal<Permission[]>([]);
  protected readonly submitted = signal(false);
  private readonly pending = new PendingAction();
  protected readonly busy = this.pending.busy;
  protected readonly error = this.pending.error;
  protected keyEdited = false;

  protected suggestKey(): void {
    if (!this.keyEdited) {
      this.form.controls.key.setValue(roleKeyFromName(this.form.controls.name.value));
    }
  }

  protected async create(): Promise<void> {
    this.submitted.set(true);
    this.form.markAllAsTouched();
    if (this.form.invalid || this.permissions().length === 0) {
      return;
    }
    const { name, key, description } = this.form.getRawValue();
    await this.pending.run(async () => {
      const role = await this.api.createRole({
        key,
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        permissions: this.permissions(),
      });
      this.dialogRef.close(role);
    }, 'We could not create the role. Try again.');
  }
}
