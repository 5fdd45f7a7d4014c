import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { CSRF_HEADER, ROLE_LABELS, ROLE_PERMISSIONS, ROLES, type RoleListResponse } from '@trustops/contracts';
import { userStub } from '../../../testing/admin.stub';
import { sessionStub } from '../../../testing/platform-status.stub';
import { settle, signInForTest } from '../../../testing/session.harness';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { ADMIN_ROLES_URL, ADMIN_USERS_URL, userRolesUrl, userRoleUrl } from '../admin-api';
import { UsersPageComponent } from './users-page.component';

const PRIYA = userStub();
const SAM = userStub({
  id: '6f1c2a4e-0000-4000-8000-000000000003',
  displayName: 'Sam Okafor',
  email: 'sam.okafor@example.nhs.uk',
  lastLoginAt: null,
  roles: [
    { role: 'admin', source: 'admin', assignedAt: '2026-11-01T08:00:00.000Z' },
    { role: 'ward-lead', source: 'admin', assignedAt: '2026-11-02T08:00:00.000Z' },
  ],
});

const ROLES_RESPONSE: RoleListResponse = {
  items: [
    ...ROLES.map((role) => ({
      key: role,
      name: ROLE_LABELS[role],
      description: `${ROLE_LABELS[role]} role`,
      builtIn: true,
      permissions: [...ROLE_PERMISSIONS[role]],
    })),
    { key: 'ward-lead', name: 'Ward lead', description: '', builtIn: false, permissions: ['runs:read'] },
  ],
};

describe(UsersPageComponent.name, () => {
  let fixture: ComponentFixture<UsersPageComponent>;
  let httpTesting: HttpTestingController;

  async function render(roles: string[]): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles, displayName: 'Sam Okafor', userId: SAM.id }));
    fixture = TestBed.createComponent(UsersPageComponent);
    fixture.detectChanges();
    TestBed.tick();
    httpTesting.expectOne(ADMIN_USERS_URL).flush({ items: [PRIYA, SAM] });
    httpTesting.expectOne(ADMIN_ROLES_URL).flush(ROLES_RESPONSE);
    await fixture.whenStable();
  }

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const rowOf = (name: string): HTMLTableRowElement | undefined =>
    [...page().querySelectorAll<HTMLTableRowElement>('tr.mat-mdc-row')].find((row) => row.textContent?.includes(name));
  const dialog = (): HTMLElement | null => document.querySelector('mat-dialog-container');
  const buttonIn = (root: ParentNode | null | undefined, text: string): HTMLButtonElement | undefined =>
    [...(root?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((button) =>
      button.textContent?.includes(text),
    );

  it('should list people with their email, roles as chips in plain English, and last sign-in', async () => {
    await render(['admin']);

    const priya = rowOf('Priya Shah');
    expect(priya?.textContent).toContain('priya.shah@example.nhs.uk');
    expect([...(priya?.querySelectorAll('mat-chip') ?? [])].map((chip) => chip.textContent?.trim())).toEqual([
      'Clinician (from their NHS login)',
    ]);
    expect(priya?.querySelector('time')?.getAttribute('datetime')).toBe(PRIYA.lastLoginAt);
    const sam = rowOf('Sam Okafor');
    expect([...(sam?.querySelectorAll('mat-chip') ?? [])].map((chip) => chip.textContent?.trim())).toEqual([
      'Administrator',
      'Ward lead',
    ]);
    expect(sam?.textContent).toContain('Never');
  });

  it('should let a compliance officer see people and roles but change nothing', async () => {
    await render(['compliance']);

    expect(buttonIn(page(), 'Give a role')).toBeUndefined();
    expect(page().querySelector('[matChipRemove]')).toBeNull();
  });

  it('should give a role after choosing it in a dialog that says what it allows', async () => {
    await render(['admin']);
    buttonIn(rowOf('Priya Shah'), 'Give a role')?.click();
    await fixture.whenStable();
    expect(dialog()?.querySelector('h2')?.textContent).toContain('Give Priya Shah a role');

    dialog()?.querySelector<HTMLElement>('mat-select')?.click();
    await fixture.whenStable();
    const options = [...document.querySelectorAll<HTMLElement>('mat-option')];
    expect(options.map((option) => option.textContent?.trim())).not.toContain('Clinician');
    options.find((option) => option.textContent?.trim() === 'Supervisor')?.click();
    await fixture.whenStable();
    expect(dialog()?.textContent).toContain('Approve or reject decisions');

    buttonIn(dialog(), 'Give the Supervisor role')?.click();
    await settle();
    const request = httpTesting.expectOne(userRolesUrl(PRIYA.id));
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ role: 'supervisor' });
    expect(request.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    httpTesting.expectOne(ADMIN_USERS_URL).flush({ items: [PRIYA, SAM] });
    await fixture.whenStable();

    expect(dialog()).toBeNull();
  });

  it('should add someone who has signed in before by their email, with a role, and say when nobody has', async () => {
    await render(['admin']);
    buttonIn(page(), 'Add a person')?.click();
    await fixture.whenStable();
    expect(dialog()?.querySelector('h2')?.textContent).toContain('Add a person to');

    const email = dialog()?.querySelector<HTMLInputElement>('input[type="email"]');
    if (!email) throw new Error('No email field');
    email.value = 'grace.okafor@nhs.net';
    email.dispatchEvent(new Event('input'));
    dialog()?.querySelector<HTMLElement>('mat-select')?.click();
    await fixture.whenStable();
    [...document.querySelectorAll<HTMLElement>('mat-option')]
      .find((option) => option.textContent?.trim() === 'Ward lead (custom)')
      ?.click();
    await fixture.whenStable();

    buttonIn(dialog(), 'Add person')?.click();
    await settle();
    const refused = httpTesting.expectOne(ADMIN_USERS_URL);
    expect(refused.request.method).toBe('POST');
    expect(refused.request.body).toEqual({ email: 'grace.okafor@nhs.net', role: 'ward-lead' });
    refused.flush(
      {
        statusCode: 404,
        error: 'Not Found',
        message: 'Nobody with that email has signed in to TrustOps yet.',
        requestId: 'r',
      },
      { status: 404, statusText: 'Not Found' },
    );
    await settle();
    expect(dialog()?.querySelector('[role="alert"]')?.textContent).toContain('Nobody with that email has signed in');

    buttonIn(dialog(), 'Add person')?.click();
    await settle();
    httpTesting
      .expectOne({ method: 'POST', url: ADMIN_USERS_URL })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    httpTesting.expectOne({ method: 'GET', url: ADMIN_USERS_URL }).flush({ items: [PRIYA, SAM] });
    await fixture.whenStable();
    expect(dialog()).toBeNull();
  });

  it('should not offer to add people to someone who may not change roles', async () => {
    await render(['compliance']);

    expect(buttonIn(page(), 'Add a person')).toBeUndefined();
  });

  it('should take a role away only after confirming, warning when it came from the NHS login', async () => {
    await render(['admin']);
    rowOf('Priya Shah')?.querySelector<HTMLButtonElement>('[matChipRemove]')?.click();
    await fixture.whenStable();

    expect(dialog()?.textContent).toContain('Take away the Clinician role?');
    expect(dialog()?.textContent).toContain('This role came from their NHS login.');
    httpTesting.expectNone(userRoleUrl(PRIYA.id, 'clinician'));

    buttonIn(dialog(), 'Take away role')?.click();
    await settle();
    const request = httpTesting.expectOne(userRoleUrl(PRIYA.id, 'clinician'));
    expect(request.request.method).toBe('DELETE');
    expect(request.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    httpTesting.expectOne(ADMIN_USERS_URL).flush({ items: [{ ...PRIYA, roles: [] }, SAM] });
    await fixture.whenStable();

    expect(rowOf('Priya Shah')?.textContent).toContain('No role');
  });

  it("should keep the confirmation open with the API's message when taking a role away fails", async () => {
    await render(['admin']);
    rowOf('Sam Okafor')?.querySelector<HTMLButtonElement>('[matChipRemove]')?.click();
    await fixture.whenStable();
    expect(dialog()?.textContent).toContain('This is your own account');

    buttonIn(dialog(), 'Take away role')?.click();
    await settle();
    httpTesting
      .expectOne(userRoleUrl(SAM.id, 'admin'))
      .flush(
        { statusCode: 409, error: 'Conflict', message: 'The last administrator cannot lose the role.', requestId: 'r' },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();

    expect(dialog()?.querySelector('[role="alert"]')?.textContent).toContain(
      'The last administrator cannot lose the role.',
    );
  });

  it('should say so, in plain English, when the list cannot be loaded', async () => {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles: ['admin'] }));
    fixture = TestBed.createComponent(UsersPageComponent);
    fixture.detectChanges();
    TestBed.tick();
    httpTesting.expectOne(ADMIN_USERS_URL).error(new ProgressEvent('error'));
    httpTesting.expectOne(ADMIN_ROLES_URL).flush(ROLES_RESPONSE);
    await settle();

    expect(page().querySelector('[role="alert"]')?.textContent).toContain('We could not reach TrustOps');
  });
});
