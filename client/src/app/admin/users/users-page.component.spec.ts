import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { CSRF_HEADER, ROLE_LABELS, ROLE_PERMISSIONS, ROLES, type RoleListResponse } from '@trustops/contracts';
import { invitationStub, userStub } from '../../../testing/admin.stub';
import { sessionStub } from '../../../testing/platform-status.stub';
import { settle, signInForTest } from '../../../testing/session.harness';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { ADMIN_INVITATIONS_URL, ADMIN_ROLES_URL, ADMIN_USERS_URL, userRolesUrl, userRoleUrl } from '../admin-api';
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
    httpTesting.expectOne(ADMIN_INVITATIONS_URL).flush({ items: [] });
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

  it('should invite by email with a role, and say the same whoever the email belongs to', async () => {
    await render(['admin']);
    const messages: string[] = [];
    for (const email of ['nobody.here@nhs.net', 'david.evans@nhs.net']) {
      buttonIn(page(), 'Invite a person')?.click();
      await fixture.whenStable();
      expect(dialog()?.querySelector('h2')?.textContent).toContain(
        'Invite a person to Northbridge University Hospitals',
      );

      const field = dialog()?.querySelector<HTMLInputElement>('input[type="email"]');
      if (!field) throw new Error('No email field');
      field.value = ` ${email} `;
      field.dispatchEvent(new Event('input'));
      dialog()?.querySelector<HTMLElement>('mat-select')?.click();
      await fixture.whenStable();
      [...document.querySelectorAll<HTMLElement>('mat-option')]
        .find((option) => option.textContent?.trim() === 'Ward lead (custom)')
        ?.click();
      await fixture.whenStable();

      buttonIn(dialog(), 'Send invitation')?.click();
      await settle();
      const sent = httpTesting.expectOne({ method: 'POST', url: ADMIN_INVITATIONS_URL });
      expect(sent.request.body).toEqual({ email, role: 'ward-lead' });
      expect(sent.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
      sent.flush(invitationStub({ email, role: 'ward-lead', roleName: 'Ward lead' }), {
        status: 201,
        statusText: 'Created',
      });
      await settle();
      // The list of people is not fetched again: nobody has joined yet. The invitations are.
      httpTesting.expectNone({ method: 'GET', url: ADMIN_USERS_URL });
      httpTesting
        .expectOne({ method: 'GET', url: ADMIN_INVITATIONS_URL })
        .flush({ items: [invitationStub({ email, role: 'ward-lead', roleName: 'Ward lead' })] });
      await fixture.whenStable();
      expect(dialog()).toBeNull();
      messages.push(document.querySelector('mat-snack-bar-container')?.textContent?.trim() ?? '');
    }

    expect(messages).toEqual([
      'Invitation sent to nobody.here@nhs.net. They will see it on their Home page when they next open TrustOps.',
      'Invitation sent to david.evans@nhs.net. They will see it on their Home page when they next open TrustOps.',
    ]);
    expect(page().querySelector('to-pending-invitations')?.textContent).toContain('david.evans@nhs.net');
  });

  it('should not offer to invite people to someone who may not change roles', async () => {
    await render(['compliance']);

    expect(buttonIn(page(), 'Invite a person')).toBeUndefined();
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
    httpTesting.expectOne(ADMIN_INVITATIONS_URL).flush({ items: [] });
    await settle();

    expect(page().querySelector('[role="alert"]')?.textContent).toContain('We could not reach TrustOps');
  });
});
