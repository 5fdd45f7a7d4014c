import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginator, MatPaginatorModule } from '@angular/material/paginator';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableDataSource, MatTableModule } from '@angular/material/table';
import {
  API_TOKEN_PREFIX,
  PERMISSION_LABELS,
  type ApiTokenListResponse,
  type ApiTokenSummary,
  type CreateApiTokenResponse,
} from '@trustops/contracts';
import type { IconName } from '../../core/icons';
import { forActiveTenant, SessionService, valueOr } from '../../core/session.service';
import { LoadStateComponent } from '../../shared/load-state/load-state.component';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../shared/confirm-dialog/confirm-dialog.component';
import { AdminApi, API_TOKENS_URL } from '../admin-api';
import { CreateTokenDialogComponent, type CreateTokenDialogData } from './create-token-dialog.component';
import { TokenSecretDialogComponent, type TokenSecretDialogData } from './token-secret-dialog.component';

type TokenState = 'active' | 'expired' | 'revoked';

interface TokenRow {
  token: ApiTokenSummary;
  state: TokenState;
  stateText: string;
  stateIcon: IconName;
  permissionLabels: string[];
}

/** Admin → API tokens: your own personal tokens, creating one (its secret shown once) and revoking. */
@Component({
  selector: 'to-tokens-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, LoadStateComponent, MatButtonModule, MatIconModule, MatPaginatorModule, MatTableModule],
  templateUrl: './tokens-page.component.html',
  styleUrl: './tokens-page.component.scss',
})
export class TokensPageComponent {
  private readonly session = inject(SessionService);
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly tokens = httpResource<ApiTokenListResponse>(() =>
    forActiveTenant(this.session, { url: API_TOKENS_URL }),
  );
  protected readonly prefix = API_TOKEN_PREFIX;
  protected readonly columns = ['name', 'permissions', 'expiresAt', 'lastUsedAt', 'state', 'actions'];
  protected readonly tenantName = computed(() => this.session.current()?.activeTenant.name ?? 'this organisation');

  protected readonly dataSource = new MatTableDataSource<TokenRow>([]);
  private readonly paginator = viewChild(MatPaginator);

  constructor() {
    effect(() => {
      const now = Date.now();
      this.dataSource.data = (valueOr(this.tokens, undefined)?.items ?? []).map((token) => toRow(token, now));
    });
    effect(() => {
      this.dataSource.paginator = this.paginator() ?? null;
    });
  }

  protected createToken(): void {
    const data: CreateTokenDialogData = { available: this.session.current()?.permissions ?? [] };
    this.dialog
      .open<CreateTokenDialogComponent, CreateTokenDialogData, CreateApiTokenResponse>(CreateTokenDialogComponent, {
        data,
        width: '44rem',
        maxWidth: 'calc(100vw - 2rem)',
      })
      .afterClosed()
      .subscribe((created) => {
        if (!created) {
          return;
        }
        this.tokens.reload();
        this.dialog.open<TokenSecretDialogComponent, TokenSecretDialogData>(TokenSecretDialogComponent, {
          data: { name: created.token.name, secret: created.secret },
          width: '40rem',
          maxWidth: 'calc(100vw - 2rem)',
          disableClose: true,
          ariaModal: true,
        });
      });
  }

  protected revoke(token: ApiTokenSummary): void {
    const data: ConfirmDialogData = {
      title: `Revoke the token “${token.name}”?`,
      message: ['Anything still using it will stop working straight away. This cannot be undone.'],
      confirmLabel: 'Revoke token',
      destructive: true,
      action: () => this.api.revokeApiToken(token.id),
    };
    ConfirmDialogComponent.ask(this.dialog, data).subscribe((revoked) => {
      if (revoked) {
        this.snackBar.open(`The token “${token.name}” has been revoked.`, undefined, { duration: 5000 });
        this.tokens.reload();
      }
    });
  }
}

function toRow(token: ApiTokenSummary, now: number): TokenRow {
  const state: TokenState = token.revokedAt ? 'revoked' : Date.parse(token.expiresAt) <= now ? 'expired' : 'active';
  return {
    token,
    state,
    stateText: state === 'active' ? 'Active' : state === 'expired' ? 'Expired' : 'Revoked',
    stateIcon: state === 'active' ? 'status-up' : state === 'expired' ? 'schedule' : 'denied',
    permissionLabels: token.permissions.map((permission) => PERMISSION_LABELS[permission]),
  };
}
