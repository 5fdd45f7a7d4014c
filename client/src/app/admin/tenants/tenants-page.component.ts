import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { TenantListResponse, TenantSummary } from '@trustops/contracts';
import { forActiveTenant, SessionService } from '../../core/session.service';
import { LoadStateComponent } from '../../shared/load-state/load-state.component';
import { ADMIN_TENANTS_URL } from '../admin-api';
import { CreateTenantDialogComponent } from './create-tenant-dialog.component';

/** Admin → Organisations: the tenants (usually NHS Trusts) you belong to. */
@Component({
  selector: 'to-tenants-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadStateComponent, MatButtonModule, MatIconModule, MatTableModule],
  template: `
    <div class="section-toolbar">
      <div>
        <h2 id="tenants-heading">Your organisations</h2>
        <p class="hint">
          Everything in TrustOps belongs to one organisation, and nobody sees another organisation's work. Switch
          between yours from the menu under your name.
        </p>
      </div>
      @if (canCreate()) {
        <button mat-flat-button type="button" (click)="createTenant()">
          <mat-icon svgIcon="add" />
          Create an organisation
        </button>
      }
    </div>

    <to-load-state
      [resource]="tenants"
      loadingLabel="Loading organisations"
      failureMessage="We could not load your organisations."
    />
    @if (tenants.hasValue() && tenants.value().items.length === 0) {
      <div class="empty-state">
        <h3>No organisations</h3>
        <p>You do not belong to any organisation yet.</p>
      </div>
    } @else if (tenants.hasValue()) {
      <div class="table-frame">
        <table mat-table [dataSource]="tenants.value().items" aria-labelledby="tenants-heading">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef>Name</th>
            <td mat-cell *matCellDef="let tenant">
              <strong>{{ tenant.name }}</strong>
              @if (tenant.id === activeTenantId()) {
                <span class="current-tag">Current</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="odsCode">
            <th mat-header-cell *matHeaderCellDef>ODS code</th>
            <td mat-cell *matCellDef="let tenant">{{ tenant.odsCode ?? '—' }}</td>
          </ng-container>
          <ng-container matColumnDef="slug">
            <th mat-header-cell *matHeaderCellDef>Short name</th>
            <td mat-cell *matCellDef="let tenant">
              <code>{{ tenant.slug }}</code>
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let tenant; columns: columns"></tr>
        </table>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }

    .hint {
      max-width: 48rem;
      margin: 0;
      color: var(--to-color-secondary-text);
    }

    .current-tag {
      display: inline-block;
      padding: 0 0.5rem;
      margin-left: 0.5rem;
      border-radius: 999px;
      background: var(--to-color-pale-blue);
      color: var(--to-color-dark-blue);
      font-size: 0.8125rem;
      font-weight: 700;
    }
  `,
})
export class TenantsPageComponent {
  private readonly session = inject(SessionService);

  protected readonly tenants = httpResource<TenantListResponse>(() =>
    forActiveTenant(this.session, { url: ADMIN_TENANTS_URL }),
  );
  protected readonly activeTenantId = this.session.activeTenantId;
  protected readonly columns = ['name', 'odsCode', 'slug'];
  protected readonly canCreate = computed(() => this.session.can('tenants:write'));
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected createTenant(): void {
    this.dialog
      .open<CreateTenantDialogComponent, undefined, TenantSummary>(CreateTenantDialogComponent, {
        width: '36rem',
        maxWidth: 'calc(100vw - 2rem)',
      })
      .afterClosed()
      .subscribe((tenant) => {
        if (tenant) {
          this.snackBar.open(`${tenant.name} is ready. Switch to it from the menu under your name.`, undefined, {
            duration: 8000,
          });
          this.tenants.reload();
          // The organisation switcher lists the person's organisations from the session.
          this.session.reload();
        }
      });
  }
}
