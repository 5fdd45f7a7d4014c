import { CursorPagerButtonsComponent } from '../shared/cursor-pager/cursor-pager-buttons.component';
import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import {
  AUDIT_EXPORT_FORMATS,
  type AuditExportFormat,
  type AuditFilterQuery,
  type AuditPage,
  type AuditRecordView,
  type AuditVerifyResult,
  type RoleListResponse,
  type UserListResponse,
} from '@trustops/contracts';
import { areaById } from '../core/areas';
import { describeHttpError } from '../core/http-error';
import { forActiveTenant, SessionService, valueOr } from '../core/session.service';
import { ADMIN_ROLES_URL, ADMIN_USERS_URL } from '../admin/admin-api';
import {
  AUDIT_URL,
  AUDIT_VERIFY_URL,
  auditExportUrl,
  auditFilterProblem,
  EMPTY_AUDIT_FILTERS,
  toAuditFilterQuery,
  toAuditListQuery,
  type AuditFilterForm,
} from './audit-api';
import { AreaHeaderComponent } from '../shared/area-header/area-header.component';
import { FormErrorComponent } from '../shared/form-error/form-error.component';
import { LoadStateComponent } from '../shared/load-state/load-state.component';
import { AuditChainStatusComponent, type ChainStatus } from './audit-chain-status.component';
import { AuditRecordDialogComponent, type AuditRecordDialogData } from './audit-record-dialog.component';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_RESOURCE_TYPE_LABELS,
  describeActor,
  describeActorRole,
  describeAuditRecordAction,
  describeOutcome,
  describeResourceType,
  type OutcomeView,
  type RoleNames,
} from './audit-text';

interface AuditRow {
  record: AuditRecordView;
  who: string;
  role: string;
  action: string;
  resource: string;
  outcome: OutcomeView;
}

const EXPORT_LABELS: Record<AuditExportFormat, { label: string; description: string }> = {
  csv: { label: 'CSV', description: 'for spreadsheets' },
  json: { label: 'JSON', description: 'for other systems' },
  fhir: { label: 'FHIR', description: 'AuditEvent bundle' },
};

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;

/**
 * The compliance audit viewer: whether the chain is intact, filters, the records newest first a
 * page at a time, each record's details, and exports of what the filters match.
 */
@Component({
  selector: 'to-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CursorPagerButtonsComponent,
    AreaHeaderComponent,
    AuditChainStatusComponent,
    DatePipe,
    FormErrorComponent,
    LoadStateComponent,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTableModule,
    ReactiveFormsModule,
  ],
  templateUrl: './audit-page.component.html',
  styleUrl: './audit-page.component.scss',
})
export class AuditPageComponent {
  private readonly session = inject(SessionService);
  private readonly dialog = inject(MatDialog);

  protected readonly area = areaById('audit');
  /** The filters chosen from a list of codes, each shown by its plain-English label. */
  protected readonly codeChoices = [
    {
      control: 'action',
      label: 'Action',
      any: 'Any action',
      // 'auth.login-failed' reads the same as 'auth.sign-in-failed': one option, not two alike.
      options: optionsFrom(AUDIT_ACTION_LABELS).filter((option) => option.code !== 'auth.login-failed'),
    },
    {
      control: 'resourceType',
      label: 'Resource',
      any: 'Any resource',
      options: optionsFrom(AUDIT_RESOURCE_TYPE_LABELS),
    },
  ] as const;
  protected readonly pageSizes = AUDIT_PAGE_SIZES;
  protected readonly columns = ['occurredAt', 'who', 'action', 'resource', 'outcome'];

  protected readonly filterForm = new FormGroup({
    userId: new FormControl('', { nonNullable: true }),
    action: new FormControl('', { nonNullable: true }),
    resourceType: new FormControl('', { nonNullable: true }),
    resourceId: new FormControl('', { nonNullable: true }),
    fromDate: new FormControl('', { nonNullable: true }),
    toDate: new FormControl('', { nonNullable: true }),
  });
  protected readonly filterProblem = signal<string | undefined>(undefined);

  /** The filters in force (applied with the button, not as the person types). */
  protected readonly filters = signal<AuditFilterQuery>({});
  protected readonly pageSize = signal<number>(50);
  /** `beforeSequence` of each page before the current one, and of the current one (null: the newest). */
  private readonly previousCursors = signal<(number | null)[]>([]);
  protected readonly cursor = signal<number | null>(null);
  protected readonly pageNumber = computed(() => this.previousCursors().length + 1);

  protected readonly page = httpResource<AuditPage>(() =>
    forActiveTenant(this.session, {
      url: AUDIT_URL,
      params: { ...toAuditListQuery(this.filters(), { limit: this.pageSize(), beforeSequence: this.cursor() }) },
    }),
  );
  protected readonly verification = httpResource<AuditVerifyResult>(() =>
    forActiveTenant(this.session, { url: AUDIT_VERIFY_URL }),
  );
  /** Names for the person filter and for people the records are about; only for those who may see people. */
  protected readonly people = httpResource<UserListResponse>(() =>
    this.session.can('users:read') ? forActiveTenant(this.session, { url: ADMIN_USERS_URL }) : undefined,
  );

  /** Custom role names, so records about custom roles read as their names. */
  protected readonly roles = httpResource<RoleListResponse>(() =>
    this.session.can('roles:read') ? forActiveTenant(this.session, { url: ADMIN_ROLES_URL }) : undefined,
  );
  private readonly roleNames = computed<RoleNames>(() =>
    Object.fromEntries((valueOr(this.roles, undefined)?.items ?? []).map((role) => [role.key, role.name])),
  );

  protected readonly canExport = computed(() => this.session.can('audit:export'));
  protected readonly exports = computed(() =>
    AUDIT_EXPORT_FORMATS.map((format) => ({
      format,
      ...EXPORT_LABELS[format],
      href: auditExportUrl(this.filters(), format),
    })),
  );
  protected readonly peopleOptions = computed(() =>
    [...(valueOr(this.people, undefined)?.items ?? [])].sort((a, b) =>
      a.displayName.localeCompare(b.displayName, 'en-GB'),
    ),
  );
  private readonly peopleById = computed(
    () => new Map((valueOr(this.people, undefined)?.items ?? []).map((person) => [person.id, person.displayName])),
  );

  protected readonly chainStatus = computed<ChainStatus>(() => {
    if (this.verification.hasValue()) {
      return { kind: 'checked', result: this.verification.value() };
    }
    if (this.verification.error()) {
      return {
        kind: 'error',
        message: describeHttpError(this.verification.error(), 'TrustOps could not recompute the chain.'),
      };
    }
    return { kind: 'checking' };
  });

  protected readonly rows = computed<AuditRow[]>(() =>
    (valueOr(this.page, undefined)?.records ?? []).map((record) => ({
      record,
      who: describeActor(record.actor),
      role: describeActorRole(record.actor.role, this.roleNames()),
      action: describeAuditRecordAction(record, this.roleNames()),
      resource: this.describeResource(record),
      outcome: describeOutcome(record.outcome),
    })),
  );
  protected readonly hasFilters = computed(() => Object.keys(this.filters()).length > 0);
  protected readonly hasOlder = computed(() => (valueOr(this.page, undefined)?.nextBeforeSequence ?? null) !== null);
  protected readonly rangeText = computed(() => {
    const count = valueOr(this.page, undefined)?.records.length ?? 0;
    const first = (this.pageNumber() - 1) * this.pageSize() + 1;
    return count === 0 ? 'No records' : `Records ${first} to ${first + count - 1}, newest first`;
  });

  protected applyFilters(): void {
    const form: AuditFilterForm = { ...EMPTY_AUDIT_FILTERS, ...this.filterForm.getRawValue() };
    const problem = auditFilterProblem(form);
    this.filterProblem.set(problem);
    if (problem) {
      return;
    }
    this.filters.set(toAuditFilterQuery(form));
    this.showNewest();
  }

  protected clearFilters(): void {
    this.filterForm.reset();
    this.filterProblem.set(undefined);
    this.filters.set({});
    this.showNewest();
  }

  protected showNewest(): void {
    this.previousCursors.set([]);
    this.cursor.set(null);
  }

  protected showOlder(): void {
    const next = valueOr(this.page, undefined)?.nextBeforeSequence ?? null;
    if (next === null) {
      return;
    }
    this.previousCursors.update((cursors) => [...cursors, this.cursor()]);
    this.cursor.set(next);
  }

  protected showNewer(): void {
    const cursors = this.previousCursors();
    if (cursors.length === 0) {
      return;
    }
    this.cursor.set(cursors.at(-1) ?? null);
    this.previousCursors.set(cursors.slice(0, -1));
  }

  protected changePageSize(size: number): void {
    this.pageSize.set(size);
    this.showNewest();
  }

  protected checkChainAgain(): void {
    this.verification.reload();
  }

  protected open(row: AuditRow): void {
    const data: AuditRecordDialogData = {
      record: row.record,
      resourceName: this.resourceName(row.record),
      roleNames: this.roleNames(),
    };
    this.dialog.open<AuditRecordDialogComponent, AuditRecordDialogData>(AuditRecordDialogComponent, {
      data,
      width: '48rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'dialog',
    });
  }

  /** The name of the person or custom role a record is about, when the page knows it. */
  private resourceName(record: AuditRecordView): string | undefined {
    const id = record.resource.id;
    if (!id) {
      return undefined;
    }
    switch (record.resource.type) {
      case 'user':
        return this.peopleById().get(id);
      case 'role':
        return this.roleNames()[id];
      default:
        return undefined;
    }
  }

  private describeResource(record: AuditRecordView): string {
    const type = describeResourceType(record.resource.type);
    const name = this.resourceName(record);
    if (name) {
      return `${type}: ${name}`;
    }
    return record.resource.id ? `${type} ${shorten(record.resource.id)}` : type;
  }
}

/** A select's options from a code → plain-English label map, in alphabetical order of label. */
function optionsFrom(labels: Readonly<Record<string, string>>): { code: string; label: string }[] {
  return Object.entries(labels)
    .map(([code, label]) => ({ code, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
}

/** Long ids (UUIDs) shortened for the table; the details show them whole. */
function shorten(id: string): string {
  return id.length > 14 ? `${id.slice(0, 8)}…` : id;
}
