import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TenantSummary } from '@trustops/contracts';
import { DialogSubmitComponent } from '../../shared/dialog-submit/dialog-submit.component';
import { PendingAction } from '../../shared/pending-action';
import { AdminApi } from '../admin-api';

/** A new organisation: its name and, if it has one, its ODS code. Closes with the new organisation. */
@Component({
  selector: 'to-create-tenant-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DialogSubmitComponent, MatDialogModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  template: `
    <h2 mat-dialog-title>Create an organisation</h2>
    <form [formGroup]="form" (ngSubmit)="create()">
      <mat-dialog-content>
        <p>
          You will be its first administrator. Switch to it from the menu under your name, then add the people who work
          there.
        </p>
        <mat-form-field class="wide">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" maxlength="200" required />
          <mat-hint>As staff know it, e.g. “Riverside Community Health NHS Trust”</mat-hint>
          @if (form.controls.name.hasError('required')) {
            <mat-error>Enter the organisation's name</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>ODS code (optional)</mat-label>
          <input matInput formControlName="odsCode" maxlength="10" />
          <mat-hint>Its NHS organisation code, e.g. RRK</mat-hint>
          @if (form.controls.odsCode.hasError('pattern')) {
            <mat-error>Use 3 to 10 letters and digits</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <to-dialog-submit label="Create organisation" [busy]="busy()" [error]="error()" />
    </form>
  `,
  styles: `
    .wide {
      width: 100%;
      margin-bottom: 0.5rem;
    }
  `,
})
export class CreateTenantDialogComponent {
  private readonly dialogRef = inject<MatDialogRef<CreateTenantDialogComponent, TenantSummary>>(MatDialogRef);
  private readonly api = inject(AdminApi);

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    odsCode: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^[A-Za-z0-9]{3,10}$/)] }),
  });
  private readonly pending = new PendingAction();
  protected readonly busy = this.pending.busy;
  protected readonly error = this.pending.error;

  protected async create(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      return;
    }
    const { name, odsCode } = this.form.getRawValue();
    await this.pending.run(async () => {
      const tenant = await this.api.createTenant({
        name: name.trim(),
        ...(odsCode.trim() ? { odsCode: odsCode.trim() } : {}),
      });
      this.dialogRef.close(tenant);
    }, 'We could not create the organisation. Try again.');
  }
}
