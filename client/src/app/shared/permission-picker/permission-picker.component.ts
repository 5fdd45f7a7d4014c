import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { PERMISSIONS, type Permission } from '@trustops/contracts';
import { groupPermissions } from '../../core/permission-groups';

/**
 * Checkboxes for choosing permissions, grouped by what they are about, each group a fieldset with
 * a "select all" box. Offers `available` (every permission by default).
 */
@Component({
  selector: 'to-permission-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCheckboxModule],
  template: `
    <div class="groups">
      @for (group of groups(); track group.resource) {
        @let chosenInGroup = countChosen(group.permissions);
        <fieldset [attr.data-resource]="group.resource">
          <legend>
            <mat-checkbox
              [checked]="chosenInGroup === group.permissions.length"
              [indeterminate]="chosenInGroup > 0 && chosenInGroup < group.permissions.length"
              (change)="toggleGroup(group.permissions, $event.checked)"
            >
              <strong>{{ group.label }}</strong>
            </mat-checkbox>
          </legend>
          @for (item of group.permissions; track item.permission) {
            <mat-checkbox
              class="permission"
              [value]="item.permission"
              [checked]="selected().includes(item.permission)"
              (change)="toggle(item.permission, $event.checked)"
            >
              {{ item.label }}
            </mat-checkbox>
          }
        </fieldset>
      }
    </div>
  `,
  styles: `
    .groups {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
      gap: 0.75rem;
    }

    fieldset {
      display: flex;
      flex-direction: column;
      min-width: 0;
      padding: 0.25rem 0.75rem 0.5rem;
      margin: 0;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
    }

    legend {
      padding: 0 0.25rem;
      margin-left: -0.5rem;
    }

    .permission {
      margin-left: 1rem;
    }
  `,
})
export class PermissionPickerComponent {
  /** The permissions to offer. */
  readonly available = input<readonly Permission[]>(PERMISSIONS);
  readonly selected = model<Permission[]>([]);

  protected readonly groups = computed(() => groupPermissions(this.available()));

  protected countChosen(items: readonly { permission: Permission }[]): number {
    const selected = this.selected();
    return items.filter((item) => selected.includes(item.permission)).length;
  }

  protected toggle(permission: Permission, checked: boolean): void {
    this.selected.update((selected) =>
      checked ? inOrder([...selected, permission]) : selected.filter((candidate) => candidate !== permission),
    );
  }

  protected toggleGroup(items: readonly { permission: Permission }[], checked: boolean): void {
    const permissions = items.map((item) => item.permission);
    this.selected.update((selected) =>
      checked
        ? inOrder([...selected, ...permissions])
        : selected.filter((candidate) => !permissions.includes(candidate)),
    );
  }
}

/** De-duplicated, in the order `PERMISSIONS` lists them. */
function inOrder(permissions: readonly Permission[]): Permission[] {
  return PERMISSIONS.filter((permission) => permissions.includes(permission));
}
