import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { InvitationListResponse, InvitationSummary } from '@trustops/contracts';
import { forActiveTenant, SessionService } from '../../core/session.service';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../shared/confirm-dialog/confirm-dialog.component';
import { LoadStateComponent } from '../../shared/load-state/load-state.component';
import { ADMIN_INVITATIONS_URL, AdminApi } from '../admin-api';

/** Admin → Users, "Waiting to join": invitations nobody has answered yet, and withdrawing one. */
@Component({
  selector: 'to-pending-invitations',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, LoadStateComponent, MatButtonModule, MatIconModule, MatTableModule],
  template: `
    <h2 id="invitations-heading">Waiting to join</h2>
    <to-load-state
      [resource]="invitations"
      loadingLabel="Loading invitations"
      failureMessage="We could not load the invitations waiting for an answer."
    />
    @if (invitations.hasValue()) {
      @let items = invitations.value().items;
      @if (items.length === 0) {
        <p class="none">Nobody is waiting to join. People you invite are listed here until they answer.</p>
      } @else {
        <div class="table-frame stack-on-narrow">
          <table mat-table [dataSource]="items" aria-labelledby="invitations-heading" class="invitations-table">
            <ng-container matColumnDef="email">
              <th mat-header-cell *matHeaderCellDef>Email</th>
              <td mat-cell *matCellDef="let invitation" class="email">{{ invitation.email }}</td>
            </ng-container>

            <ng-container matColumnDef="role">
              <th mat-header-cell *matHeaderCellDef>Role</th>
              <td mat-cell *matCellDef="let invitation" data-label="Role">{{ invitation.roleName }}</td>
            </ng-container>

            <ng-container matColumnDef="invitedBy">
              <th mat-header-cell *matHeaderCellDef>Invited by</th>
              <td mat-cell *matCellDef="let invitation" data-label="Invited by">
                {{ invitation.invitedBy.displayName }},
                <time [attr.datetime]="invitation.invitedAt">{{ invitation.invitedAt | date: 'd MMM y' }}</time>
              </td>
            </ng-container>

            <ng-container matColumnDef="expiresAt">
              <th mat-header-cell *matHeaderCellDef>Expires</th>
              <td mat-cell *matCellDef="let invitation" data-label="Expires">
                @if (invitation.status === 'expired') {
                  <span class="status-tag">Expired</span>&ngsp;<time [attr.datetime]="invitation.expiresAt">{{
                    invitation.expiresAt | date: 'd MMM y'
                  }}</time
                  >. <span class="hint">Invite them again to renew it.</span>
                } @else {
                  <time [attr.datetime]="invitation.expiresAt">{{ invitation.expiresAt | date: 'd MMM y' }}</time>
                }
              </td>
            </ng-container>

            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef><span class="visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let invitation" class="actions-cell">
                <button
                  mat-stroked-button
                  type="button"
                  [attr.aria-label]="'Withdraw the invitation to ' + invitation.email"
                  (click)="withdraw(invitation)"
                >
                  <mat-icon svgIcon="close" />
                  Withdraw
                </button>
              </td>
            </ng-container>

            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let invitation; columns: columns()"></tr>
          </table>
        </div>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }

    h2 {
      margin: 0 0 1rem;
    }

    .none,
    .hint {
      color: var(--to-color-secondary-text);
    }

    .hint {
      display: block;
      font-size: 0.875rem;
    }

    .email {
      font-weight: 700;
      overflow-wrap: anywhere;
    }

    .status-tag {
      display: inline-block;
      padding: 0 0.5rem;
      margin-right: 0.5rem;
      border: 1px solid var(--to-color-secondary-text);
      border-radius: 999px;
      color: var(--to-color-secondary-text);
      font-size: 0.8125rem;
    }

    .actions-cell {
      text-align: right;
      white-space: nowrap;
    }
  `,
})
export class PendingInvitationsComponent {
  private readonly session = inject(SessionService);
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** Whether the person may withdraw invitations (`users:write`); others only see them. */
  readonly canWithdraw = input(false);
  /** The organisation, as the confirmation names it. */
  readonly organisation = input('this organisation');

  protected readonly invitations = httpResource<InvitationListResponse>(() =>
    forActiveTenant(this.session, { url: ADMIN_INVITATIONS_URL }),
  );
  protected readonly columns = computed(() =>
    this.canWithdraw()
      ? ['email', 'role', 'invitedBy', 'expiresAt', 'actions']
      : ['email', 'role', 'invitedBy', 'expiresAt'],
  );

  /** Fetches the list again, e.g. after an invitation was sent. */
  reload(): void {
    this.invitations.reload();
  }

  protected withdraw(invitation: InvitationSummary): void {
    const data: ConfirmDialogData = {
      title: `Withdraw the invitation to ${invitation.email}?`,
      message: [`They will no longer be able to join ${this.organisation()} with it. You can invite them again later.`],
      confirmLabel: 'Withdraw invitation',
      destructive: true,
      action: () => this.api.revokeInvitation(invitation.id),
    };
    ConfirmDialogComponent.ask(this.dialog, data).subscribe((withdrawn) => {
      if (withdrawn) {
        this.snackBar.open(`The invitation to ${invitation.email} was withdrawn.`, undefined, { duration: 5000 });
        this.invitations.reload();
      }
    });
  }
}
