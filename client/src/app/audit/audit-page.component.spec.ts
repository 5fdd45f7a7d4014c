import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { AuditPage } from '@trustops/contracts';
import { auditRecordStub, userStub } from '../../testing/admin.stub';
import { sessionStub } from '../../testing/platform-status.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { ADMIN_ROLES_URL, ADMIN_USERS_URL } from '../admin/admin-api';
import { AUDIT_URL, AUDIT_VERIFY_URL } from './audit-api';
import { AuditPageComponent } from './audit-page.component';

const PRIYA = userStub();
const FIRST_PAGE: AuditPage = {
  records: [
    auditRecordStub(),
    auditRecordStub({
      id: 'record-41',
      sequence: 41,
      occurredAt: '2026-11-23T09:00:00.000Z',
      action: 'auth.sign-in-failed',
      actor: { type: 'person', userId: null, displayName: null, role: null, ip: '10.0.0.9', userAgent: null },
      resource: { type: 'session', id: null },
      outcome: 'failure',
      reason: 'The identity provider refused the sign-in',
      after: null,
    }),
  ],
  nextBeforeSequence: 41,
};

describe(AuditPageComponent.name, () => {
  let fixture: ComponentFixture<AuditPageComponent>;
  let httpTesting: HttpTestingController;

  async function render(roles: string[]): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles }));
    fixture = TestBed.createComponent(AuditPageComponent);
    fixture.detectChanges();
    TestBed.tick();
    const list = expectList();
    expect(list.request.params.keys()).toEqual(['limit']);
    expect(list.request.params.get('limit')).toBe('50');
    list.flush(FIRST_PAGE);
    httpTesting.expectOne(AUDIT_VERIFY_URL).flush({ valid: true, checked: 42 });
    httpTesting.expectOne(ADMIN_USERS_URL).flush({ items: [PRIYA] });
    httpTesting.expectOne(ADMIN_ROLES_URL).flush({
      items: [{ key: 'ward-lead', name: 'Ward lead', description: '', builtIn: false, permissions: ['runs:read'] }],
    });
    await fixture.whenStable();
  }

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const expectList = (): TestRequest => httpTesting.expectOne((request) => request.url === AUDIT_URL);
  const rows = (): HTMLTableRowElement[] => [...page().querySelectorAll<HTMLTableRowElement>('tr.mat-mdc-row')];
  const cellTexts = (row: HTMLTableRowElement | undefined): string[] =>
    [...(row?.querySelectorAll('td') ?? [])].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  const buttonIn = (root: ParentNode | null, text: string): HTMLButtonElement | undefined =>
    [...(root?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((button) =>
      (button.getAttribute('aria-label') ?? button.textContent)?.includes(text),
    );

  async function type(controlName: string, value: string): Promise<void> {
    const input = page().querySelector<HTMLInputElement>(`input[formcontrolname="${controlName}"]`);
    if (!input) throw new Error(`No input ${controlName}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  /** Picks `optionText` in the select labelled `label`, as a person would. */
  async function choose(label: string, optionText: string): Promise<void> {
    [...page().querySelectorAll<HTMLElement>('mat-form-field')]
      .find((field) => field.querySelector('mat-label')?.textContent?.trim() === label)
      ?.querySelector<HTMLElement>('mat-select')
      ?.click();
    await fixture.whenStable();
    [...document.querySelectorAll<HTMLElement>('mat-option')]
      .find((option) => option.textContent?.trim() === optionText)
      ?.click();
    await fixture.whenStable();
  }

  it('should show the chain status and the records, newest first, in plain English', async () => {
    await render(['compliance']);

    expect(page().querySelector('to-audit-chain-status h2')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Audit trail intact — 42 records checked',
    );
    const [first, second] = rows();
    expect(cellTexts(first).slice(1)).toEqual([
      'Sam Okafor Administrator',
      'Gave the Supervisor role: record 42, show details',
      'Person: Priya Shah',
      'Succeeded',
    ]);
    expect(first?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-23T10:04:05.000Z');
    expect(cellTexts(second).slice(2)).toEqual(['Failed to sign in: record 41, show details', 'Session', 'Failed']);
    expect(second?.querySelector('.outcome mat-icon')?.getAttribute('data-mat-icon-name')).toBe('status-down');
  });

  it('should send the filters as the API expects them', async () => {
    await render(['compliance']);

    await choose('Person', 'Priya Shah');
    await choose('Action', 'Gave a role');
    await choose('Resource', 'Person');
    await type('resourceId', ` ${PRIYA.id} `);
    await type('fromDate', '2026-11-01');
    await type('toDate', '2026-11-23');
    buttonIn(page(), 'Apply filters')?.click();
    await settle();

    const list = expectList();
    const params = list.request.params;
    list.flush(FIRST_PAGE);
    expect(Object.fromEntries(params.keys().map((key) => [key, params.get(key)]))).toEqual({
      userId: PRIYA.id,
      action: 'role.granted',
      resourceType: 'user',
      resourceId: PRIYA.id,
      from: new Date(2026, 10, 1).toISOString(),
      to: new Date(2026, 10, 24).toISOString(),
      limit: '50',
    });
  });

  it('should not send a date range that ends before it starts', async () => {
    await render(['compliance']);

    await type('fromDate', '2026-11-23');
    await type('toDate', '2026-11-01');
    buttonIn(page(), 'Apply filters')?.click();
    await settle();

    httpTesting.expectNone((request) => request.url === AUDIT_URL);
    expect(page().querySelector('.filters [role="alert"]')?.textContent).toContain('The “to” date must be');
  });

  it('should page to older records with beforeSequence, and back', async () => {
    await render(['compliance']);

    buttonIn(page(), 'Older records')?.click();
    await settle();
    const older = expectList();
    expect(older.request.params.get('beforeSequence')).toBe('41');
    older.flush({ records: [auditRecordStub({ id: 'record-40', sequence: 40 })], nextBeforeSequence: null });
    await fixture.whenStable();
    expect(page().textContent).toContain('Records 51 to 51, newest first');
    expect(buttonIn(page(), 'Older records')?.disabled).toBe(true);

    buttonIn(page(), 'Newer records')?.click();
    await settle();
    const newer = expectList();
    expect(newer.request.params.has('beforeSequence')).toBe(false);
    newer.flush(FIRST_PAGE);
  });

  it('should offer exports of the filtered records to compliance officers', async () => {
    await render(['compliance']);
    await choose('Action', 'Signed in');
    buttonIn(page(), 'Apply filters')?.click();
    await settle();
    expectList().flush({ records: [], nextBeforeSequence: null });
    await fixture.whenStable();

    const links = [...page().querySelectorAll<HTMLAnchorElement>('.exports a')];
    expect(links.map((link) => link.textContent?.trim())).toEqual(['CSV', 'JSON', 'FHIR']);
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/api/audit/export?format=csv&action=auth.signed-in',
      '/api/audit/export?format=json&action=auth.signed-in',
      '/api/audit/export?format=fhir&action=auth.signed-in',
    ]);
    expect(page().textContent).toContain('No records match these filters');
  });

  it('should not offer exports to an administrator, who may read but not export', async () => {
    await render(['admin']);

    expect(page().querySelector('.exports')).toBeNull();
  });

  it('should open a record in plain English, with the hashes and raw record one click away', async () => {
    await render(['compliance']);

    rows()[0]?.querySelector<HTMLButtonElement>('.row-link')?.click();
    await fixture.whenStable();
    const dialog = document.querySelector<HTMLElement>('mat-dialog-container');
    expect(dialog?.querySelector('h2')?.textContent?.trim()).toBe('Gave the Supervisor role');
    expect(dialog?.textContent).toContain('Person: Priya Shah');
    expect(dialog?.textContent).toContain('req-7f3a');
    const change = [...(dialog?.querySelectorAll('.changes tbody tr') ?? [])].map((row) =>
      [...row.children].map((cell) => cell.textContent?.trim()),
    );
    expect(change).toEqual([['Role', '—', 'supervisor']]);
    expect(dialog?.textContent).not.toContain('b'.repeat(64));

    buttonIn(dialog, 'Show technical details')?.click();
    await fixture.whenStable();
    expect(dialog?.textContent).toContain('b'.repeat(64));
    expect(dialog?.querySelector('pre.raw')?.textContent).toContain('"sequence": 42');
  });
});
