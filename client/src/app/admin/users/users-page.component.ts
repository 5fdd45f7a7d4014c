import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginator, MatPaginatorModule } from '@angular/material/paginator';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatSort, MatSortModule } from '@angular/material/sort';
import { MatTableDataSource, MatTableModule } from '@angular/material/table';
import {
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLES,
  type RoleAssignmentSummary,
  type RoleListResponse,
  type RoleSummary,
  type UserListResponse,
  type UserSummary,
} from '@trustops/contracts';
import { forActiveTenant, roleLabel, SessionService, valueOr } from '../../core/session.service';
import { LoadStateComponent } from '../../shared/load-state/load-state.component';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../shared/confirm-dialog/confirm-dialog.component';
import { ADMIN_ROLES_URL, ADMIN_USERS_URL, AdminApi } from '../admin-api';
import { AssignRoleDialogComponent, type AssignRoleDialogData } from './assign-role-dialog.component';
import { InvitePersonDialogComponent, type InvitePersonDialogData } from './invite-person-dialog.component';
import { PendingInvitationsComponent } from './pending-invitations.component';

/**
 * Admin → Users: the people in the active organisation, their roles, giving or taking away a role,
 * and inviting people (with the invitations waiting for an answer).
 */
@Component({
  selector: 'to-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MatButtonModule,
    LoadStateComponent,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatSortModule,
    MatTableModule,
    PendingInvitationsComponent,
  ],
  templateUrl: './users-page.component.html',
  styleUrl: './users-page.component.scss',
})
export class UsersPageComponent {
  private readonly session = inject(SessionService);
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly users = httpResource<UserListResponse>(() =>
    forActiveTenant(this.session, { url: ADMIN_USERS_URL }),
  );
  /** Role names and descriptions, custom roles included; only for people who may read roles. */
  protected readonly roles = httpResource<RoleListResponse>(() =>
    this.session.can('roles:read') ? forActiveTenant(this.session, { url: ADMIN_ROLES_URL }) : undefined,
  );

  protected readonly canChangeRoles = computed(() => this.session.can('users:write'));
  protected readonly columns = computed(() =>
    this.canChangeRoles()
      ? ['name', 'email', 'roles', 'lastLoginAt', 'actions']
      : ['name', 'email', 'roles', 'lastLoginAt'],
  );
  private readonly customRoleNames = computed(() =>
    Object.fromEntries((valueOr(this.roles, undefined)?.items ?? []).map((role) => [role.key, role.name])),
  );
  protected readonly filterText = signal('');

  protected readonly dataSource = new MatTableDataSource<UserSummary>([]);
  private readonly paginator = viewChild(MatPaginator);
  private readonly sort = viewChild(MatSort);
  private readonly pendingInvitations = viewChild(PendingInvitationsComponent);
  protected readonly organisation = computed(() => this.session.current()?.activeTenant.name ?? 'this organisation');

  constructor() {
    this.dataSource.sortingDataAccessor = (user, column) => {
      switch (column) {
        case 'name':
          return user.displayName.toLocaleLowerCase('en-GB');
        case 'email':
          return user.email ?? '';
        case 'lastLoginAt':
          return user.lastLoginAt ?? '';
        default:
          return '';
      }
    };
    this.dataSource.filterPredicate = (user, filter) =>
      [user.displayName, user.email ?? '', ...user.roles.map((assignment) => this.roleName(assignment.role))]
        .join(' ')
        .toLocaleLowerCase('en-GB')
        .includes(filter);
    effect(() => {
      this.dataSource.data = valueOr(this.users, undefined)?.items ?? [];
    });
    effect(() => {
      this.dataSource.paginator = this.paginator() ?? null;
      this.dataSource.sort = this.sort() ?? null;
    });
    effect(() => {
      this.dataSource.filter = this.filterText().trim().toLocaleLowerCase('en-GB');
    });
  }

  protected roleName(role: string): string {
    return roleLabel(role, this.customRoleNames());
  }

  protected invite(): void {
    const data: InvitePersonDialogData = {
      organisation: this.organisation(),
      roles: valueOr(this.roles, undefined)?.items ?? builtInRoles(),
    };
    this.dialog
      .open<InvitePersonDialogComponent, InvitePersonDialogData, string>(InvitePersonDialogComponent, {
        data,
        width: '36rem',
        maxWidth: 'calc(100vw - 2rem)',
      })
      .afterClosed()
      .subscribe((email) => {
        if (email) {
          // The same words whoever the email belongs to: TrustOps does not say who uses it.
          this.snackBar.open(
            `Invitation sent to ${email}. They will see it on their Home page when they next open TrustOps.`,
            undefined,
            { duration: 8000 },
          );
          this.pendingInvitations()?.reload();
        }
      });
  }

  protected assignRole(user: UserSummary): void {
    const data: AssignRoleDialogData = {
      user,
      roles: (valueOr(this.roles, undefined)?.items ?? builtInRoles()).filter(
        (role) => !user.roles.some((assignment) => assignment.role === role.key),
      ),
    };
    this.dialog
      .open<AssignRoleDialogComponent, AssignRoleDialogData, string>(AssignRoleDialogComponent, {
        data,
        width: '36rem',
        maxWidth: 'calc(100vw - 2rem)',
      })
      .afterClosed()
      .subscribe((role) => {
        if (role) {
          this.snackBar.open(`${user.displayName} now has the ${this.roleName(role)} role.`, undefined, {
            duration: 5000,
          });
          this.users.reload();
        }
      });
  }

  protected revokeRole(user: UserSummary, assignment: RoleAssignmentSummary): void {
    const role = this.roleName(assignment.role);
    const message = [
      `${user.displayName} will no longer be able to do what the ${role} role allows in this organisation.`,
    ];
    if (assignment.source === 'identity_provider') {
      message.push(
        'This role came from their NHS login. It will come back the next time they sign in, unless their role is also changed there.',
      );
    }
    if (user.id === this.session.current()?.user.id) {
      message.push('This is your own account: you may lose access to this page.');
    }
    const data: ConfirmDialogData = {
      title: `Take away the ${role} role?`,
      message,
      confirmLabel: 'Take away role',
      destructive: true,
      action: () => this.api.revokeRole(user.id, assignment.role),
    };
    ConfirmDialogComponent.ask(this.dialog, data).subscribe((revoked) => {
      if (revoked) {
        this.snackBar.open(`${user.displayName} no longer has the ${role} role.`, undefined, { duration: 5000 });
        this.users.reload();
      }
    });
  }

  protected onFilter(event: Event): void {
    this.filterText.set((event.target as HTMLInputElement).value);
    this.paginator()?.firstPage();
  }
}

/** The built-in roles, for someone who may give roles but not read the list of them. */
function builtInRoles(): RoleSummary[] {
  return ROLES.map((role) => ({
    key: role,
    name: ROLE_LABELS[role],
    description: '',
    builtIn: true,
    permissions: [...ROLE_PERMISSIONS[role]],
  }));
}
