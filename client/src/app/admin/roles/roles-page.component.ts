import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  isRoleName,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLES,
  type Permission,
  type RoleListResponse,
  type RoleSummary,
} from '@trustops/contracts';
import { groupPermissions } from '../../core/permission-groups';
import { forActiveTenant, SessionService, valueOr } from '../../core/session.service';
import { LoadStateComponent } from '../../shared/load-state/load-state.component';
import { ADMIN_ROLES_URL } from '../admin-api';
import { CreateRoleDialogComponent } from './create-role-dialog.component';

interface MatrixColumn {
  key: string;
  name: string;
  description: string;
  builtIn: boolean;
  granted: ReadonlySet<Permission>;
}

/**
 * Admin → Roles: what every role allows, as a matrix of permissions (rows, grouped by what they
 * are about) against roles (columns), and a form to create a custom role.
 */
@Component({
  selector: 'to-roles-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStateComponent, MatButtonModule, MatIconModule],
  templateUrl: './roles-page.component.html',
  styleUrl: './roles-page.component.scss',
})
export class RolesPageComponent {
  private readonly session = inject(SessionService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly roles = httpResource<RoleListResponse>(() =>
    forActiveTenant(this.session, { url: ADMIN_ROLES_URL }),
  );
  protected readonly canCreate = computed(() => this.session.can('roles:write'));
  protected readonly groups = groupPermissions();

  /**
   * Built-in roles come from the same map the server enforces, so they show even before the list
   * arrives; custom roles come from the server.
   */
  protected readonly columns = computed<MatrixColumn[]>(() => {
    const fromServer = valueOr(this.roles, undefined)?.items ?? [];
    const builtIn = ROLES.map((role) => {
      const summary = fromServer.find((candidate) => candidate.key === role);
      return column({
        key: role,
        name: ROLE_LABELS[role],
        description: summary?.description ?? '',
        builtIn: true,
        permissions: [...ROLE_PERMISSIONS[role]],
      });
    });
    const custom = fromServer.filter((role) => !role.builtIn && !isRoleName(role.key)).map(column);
    return [...builtIn, ...custom];
  });

  protected createRole(): void {
    this.dialog
      .open<CreateRoleDialogComponent, undefined, RoleSummary>(CreateRoleDialogComponent, {
        width: '44rem',
        maxWidth: 'calc(100vw - 2rem)',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((role) => {
        if (role) {
          this.snackBar.open(`The ${role.name} role has been created.`, undefined, { duration: 5000 });
          this.roles.reload();
        }
      });
  }
}

function column(role: RoleSummary): MatrixColumn {
  return {
    key: role.key,
    name: role.name,
    description: role.description,
    builtIn: role.builtIn,
    granted: new Set(role.permissions),
  };
}
