import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { ROLE_LABELS, ROLE_PERMISSIONS, ROLES, type RoleSummary } from '@trustops/contracts';
import { invitationStub } from '../../../testing/admin.stub';
import { sessionStub } from '../../../testing/platform-status.stub';
import { settle, signInForTest } from '../../../testing/session.harness';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { ADMIN_INVITATIONS_URL } from '../admin-api';
import { InvitePersonDialogComponent, type InvitePersonDialogData } from './invite-person-dialog.component';

const ROLE_CHOICES: RoleSummary[] = ROLES.map((role) => ({
  key: role,
  name: ROLE_LABELS[role],
  description: '',
  builtIn: true,
  permissions: [...ROLE_PERMISSIONS[role]],
}));

describe(InvitePersonDialogComponent.name, () => {
  let httpTesting: HttpTestingController;
  let closedWith: string | undefined | null;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles: ['admin'] }));
    closedWith = null;
    TestBed.inject(MatDialog)
      .open<InvitePersonDialogComponent, InvitePersonDialogData, string>(InvitePersonDialogComponent, {
        data: { organisation: 'Riverside Community Health NHS Trust', roles: ROLE_CHOICES },
      })
      .afterClosed()
      .subscribe((email) => (closedWith = email));
    await settle();
  });

  afterEach(() => httpTesting.verify());

  const dialog = (): HTMLElement | null => document.querySelector('mat-dialog-container');
  const send = (): void =>
    [...(dialog()?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
      .find((button) => button.textContent?.trim() === 'Send invitation')
      ?.click();

  async function fill(email: string, roleName: string): Promise<void> {
    const field = dialog()?.querySelector<HTMLInputElement>('input[type="email"]');
    if (!field) throw new Error('No email field');
    field.value = email;
    field.dispatchEvent(new Event('input'));
    dialog()?.querySelector<HTMLElement>('mat-select')?.click();
    await settle();
    [...document.querySelectorAll<HTMLElement>('mat-option')]
      .find((option) => option.textContent?.trim() === roleName)
      ?.click();
    await settle();
  }

  it('should say what happens next, in plain English, with labelled fields', () => {
    expect(dialog()?.querySelector('h2')?.textContent).toContain(
      'Invite a person to Riverside Community Health NHS Trust',
    );
    expect(dialog()?.textContent).toContain(
      'They will see the invitation on their Home page when they next open TrustOps',
    );
    expect(dialog()?.textContent).toContain('It lasts 14 days.');
    const labels = [...(dialog()?.querySelectorAll('mat-label') ?? [])].map((label) => label.textContent?.trim());
    expect(labels).toEqual(['Their email address', 'Role']);
  });

  it('should send nothing until the email is an email and a role is chosen', async () => {
    await fill('not an email', 'Operator');
    send();
    await settle();

    httpTesting.expectNone(ADMIN_INVITATIONS_URL);
    expect(dialog()?.textContent).toContain('Enter an email address, e.g. name@nhs.net');
    expect(closedWith).toBeNull();
  });

  it('should send the trimmed email and the role, then close with the email', async () => {
    await fill('  david.evans@nhs.net ', 'Compliance officer');
    send();
    await settle();

    const sent = httpTesting.expectOne({ method: 'POST', url: ADMIN_INVITATIONS_URL });
    expect(sent.request.body).toEqual({ email: 'david.evans@nhs.net', role: 'compliance' });
    sent.flush(invitationStub(), { status: 201, statusText: 'Created' });
    await settle();

    expect(closedWith).toBe('david.evans@nhs.net');
    expect(dialog()).toBeNull();
  });

  it("should stay open with the server's reason when the invitation is refused", async () => {
    await fill('david.evans@nhs.net', 'Operator');
    send();
    await settle();
    httpTesting.expectOne(ADMIN_INVITATIONS_URL).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'There is no role called "operator" in this organisation.',
        requestId: 'r',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();

    expect(dialog()?.querySelector('[role="alert"]')?.textContent).toContain('There is no role called "operator"');
    expect(closedWith).toBeNull();
  });
});
