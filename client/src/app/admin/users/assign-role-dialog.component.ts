import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import {
  isRoleName,
  PERMISSION_LABELS,
  ROLE_PERMISSIONS,
  type RoleSummary,
  type UserSummary,
} from '@trustops/contracts';
import { AdminApi } from '../admin-api';
import { FormErrorComponent } from '../../shared/form-error/form-error.component';
import { PendingAction } from '../../shared/pending-action';

export interface AssignRoleDialogData {
  user: UserSummary;
  /** The roles the person does not hold yet. */
  roles: readonly RoleSummary[];
}

/** Choose a role for a person, see what it allows, and give it. Closes with the role key once given. */
@Component({
  selector: 'to-assign-role-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormErrorComponent, MatButtonModule, MatDialogModule, MatFormFieldModule, MatSelectModule],
  template: `
    <h2 mat-dialog-title>Give {{ data.user.displayName }} a role</h2>
    <mat-dialog-content>
      @if (data.roles.length === 0) {
        <p>{{ data.user.displayName }} already has every role in this organisation.</p>
      } @else {
        <mat-form-field class="role-field">
          <mat-label>Role</mat-label>
          <mat-select [value]="selectedKey()" (valueChange)="selectedKey.set($event)" required>
            @for (role of data.roles; track role.key) {
              <mat-option [value]="role.key">{{ role.name }}{{ role.builtIn ? '' : ' (custom)' }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (selected(); as role) {
          @if (role.description) {
            <p>{{ role.description }}</p>
          }
          <p class="allows-heading">{{ data.user.displayName }} will be able to:</p>
          <ul class="allows">
            @for (label of allows(); track label) {
              <li>{{ label }}</li>
            }
          </ul>
        }
        @if (error(); as error) {
          <to-form-error>{{ error }}</to-form-error>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
      @if (data.roles.length > 0) {
        @let role = selected();
        <button mat-flat-button type="button" [disabled]="!role || busy()" (click)="give()">
          {{ role ? 'Give the ' + role.name + ' role' : 'Give role' }}
        </button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .role-field {
      width: 100%;
      margin-top: 0.5rem;
    }

    .allows-heading {
      margin-bottom: 0.25rem;
      font-weight: 700;
    }

    .allows {
      margin: 0;
      padding-left: 1.25rem;
      line-height: 1.6;
    }
  `,
})
export class AssignRoleDialogComponent {
  protected readonly data = inject<AssignRoleDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<AssignRoleDialogComponent, string>>(MatDialogRef);
  private readonly api = inject(AdminApi);

  protected readonly selectedKey = signal<string | undefined>(undefined);
  protected readonly selected = computed(() => this.data.roles.find((role) => role.key === this.selectedKey()));
  protected readonly allows = computed(() => {
    const role = this.selected();
    if (!role) {
      return [];
    }
    const permissions = isRoleName(role.key) ? ROLE_PERMISSIONS[role.key] : role.permissions;
    return permissions.map((permission) => PERMISSION_LABELS[permission]);
  });
  private readonly pending = new PendingAction();
  protected readonly busy = this.pending.busy;
  protected readonly error = this.pending.error;

  protected async give(): Promise<void> {
    const role = this.selected();
    if (!role) {
      return;
    }
    await this.pending.run(async () => {
      await this.api.assignRole(this.data.user.id, role.key);
      this.dialogRef.close(role.key);
    }, 'We could not give that role. Try again.');
  }
}
