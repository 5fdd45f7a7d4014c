import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { PERMISSIONS, type Permission } from '@trustops/contracts';
import { groupPermissions } from '../../core/permission-groups';
import { FormErrorComponent } from '../form-error/form-error.component';

let nextPickerId = 0;

/**
 * The "Permissions" part of a form: a heading, `hint`, and checkboxes grouped by what they are
 * about, each group a fieldset with a "select all" box. Offers `available` (every permission by
 * default). With `showMissing` (after a first submit) it says when none is chosen.
 */
@Component({
  selector: 'to-permission-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormErrorComponent, MatCheckboxModule],
  template: `
    <h3 [id]="headingId">Permissions</h3>
    <p class="hint">{{ hint() }}</p>
    <div class="groups" role="group" [attr.aria-labelledby]="headingId">
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
    @if (showMissing() && selected().length === 0) {
      <to-form-error>Choose at least one permission.</to-form-error>
    }
  `,
  styles: `
    :host {
      display: block;
    }

    h3 {
      margin: 0.5rem 0 0;
      font-size: 1.1875rem;
    }

    .hint {
      margin: 0 0 0.75rem;
      color: var(--to-color-secondary-text);
    }

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
  /** What the person should tick, e.g. "Tick what people with this role may do." */
  readonly hint = input.required<string>();
  /** Say so when nothing is chosen: set once the form has been submitted. */
  readonly showMissing = input(false);

  protected readonly headingId = `permission-picker-${nextPickerId++}`;

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
