import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { CSRF_HEADER } from '@trustops/contracts';
import { invitationStub } from '../../../testing/admin.stub';
import { sessionStub } from '../../../testing/platform-status.stub';
import { settle, signInForTest } from '../../../testing/session.harness';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { ADMIN_INVITATIONS_URL, invitationUrl } from '../admin-api';
import { PendingInvitationsComponent } from './pending-invitations.component';

const DAVID = invitationStub();
const NOBODY = invitationStub({
  id: '5d2e8a10-0000-4000-8000-000000000002',
  email: 'nobody.here@nhs.net',
  role: 'operator',
  roleName: 'Operator',
  expiresAt: '2026-11-30T09:00:00.000Z',
  status: 'expired',
});

describe(PendingInvitationsComponent.name, () => {
  let fixture: ComponentFixture<PendingInvitationsComponent>;
  let httpTesting: HttpTestingController;

  async function render(canWithdraw: boolean, items = [DAVID, NOBODY]): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles: canWithdraw ? ['admin'] : ['compliance'] }));
    fixture = TestBed.createComponent(PendingInvitationsComponent);
    fixture.componentRef.setInput('canWithdraw', canWithdraw);
    fixture.componentRef.setInput('organisation', 'Riverside Community Health NHS Trust');
    fixture.detectChanges();
    TestBed.tick();
    httpTesting.expectOne(ADMIN_INVITATIONS_URL).flush({ items });
    await fixture.whenStable();
  }

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const rows = (): string[][] =>
    [...page().querySelectorAll('tr.mat-mdc-row')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
    );
  const dialog = (): HTMLElement | null => document.querySelector('mat-dialog-container');
  const withdrawButton = (email: string): HTMLButtonElement | null =>
    page().querySelector<HTMLButtonElement>(`button[aria-label="Withdraw the invitation to ${email}"]`);

  it('should list who was invited as what, by whom, and when it expires, marking expired ones', async () => {
    await render(true);

    expect(page().querySelector('h2')?.textContent).toBe('Waiting to join');
    expect(page().querySelector('table')?.getAttribute('aria-labelledby')).toBe('invitations-heading');
    expect(rows()).toEqual([
      ['david.evans@nhs.net', 'Compliance officer', 'Sam Okafor, 3 Dec 2026', '17 Dec 2026', 'Withdraw'],
      [
        'nobody.here@nhs.net',
        'Operator',
        'Sam Okafor, 3 Dec 2026',
        'Expired 30 Nov 2026. Invite them again to renew it.',
        'Withdraw',
      ],
    ]);
  });

  it('should say when nobody is waiting', async () => {
    await render(true, []);

    expect(page().textContent).toContain('Nobody is waiting to join.');
    expect(page().querySelector('table')).toBeNull();
  });

  it('should show the list without Withdraw to someone who may only read people', async () => {
    await render(false);

    expect(rows().length).toBe(2);
    expect(page().querySelector('button')).toBeNull();
  });

  it('should withdraw an invitation only after confirming, then list what is left', async () => {
    await render(true);
    withdrawButton(DAVID.email)?.click();
    await fixture.whenStable();

    expect(dialog()?.querySelector('h2')?.textContent).toContain('Withdraw the invitation to david.evans@nhs.net?');
    expect(dialog()?.textContent).toContain(
      'They will no longer be able to join Riverside Community Health NHS Trust with it.',
    );
    httpTesting.expectNone(invitationUrl(DAVID.id));

    [...(dialog()?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
      .find((button) => button.textContent?.trim() === 'Withdraw invitation')
      ?.click();
    await settle();
    const request = httpTesting.expectOne(invitationUrl(DAVID.id));
    expect(request.request.method).toBe('DELETE');
    expect(request.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    httpTesting.expectOne(ADMIN_INVITATIONS_URL).flush({ items: [NOBODY] });
    await fixture.whenStable();

    expect(dialog()).toBeNull();
    expect(rows().length).toBe(1);
    expect(document.querySelector('mat-snack-bar-container')?.textContent).toContain(
      'The invitation to david.evans@nhs.net was withdrawn.',
    );
  });

  it('should keep the confirmation open with the reason when withdrawing fails', async () => {
    await render(true);
    withdrawButton(DAVID.email)?.click();
    await fixture.whenStable();
    [...(dialog()?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
      .find((button) => button.textContent?.trim() === 'Withdraw invitation')
      ?.click();
    await settle();
    httpTesting.expectOne(invitationUrl(DAVID.id)).flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'That person has already joined, so the invitation can no longer be withdrawn.',
        requestId: 'r',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();

    expect(dialog()?.querySelector('[role="alert"]')?.textContent).toContain('That person has already joined');
  });
});
