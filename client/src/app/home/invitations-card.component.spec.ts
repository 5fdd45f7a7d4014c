import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { CSRF_HEADER, type ReceivedInvitation, type TenantSummary } from '@trustops/contracts';
import { NORTHBRIDGE, sessionStub } from '../../testing/platform-status.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { SESSION_URL, SessionService, SWITCH_TENANT_URL } from '../core/session.service';
import { acceptInvitationUrl, declineInvitationUrl, INVITATIONS_URL } from './invitations-api';
import { InvitationsCardComponent } from './invitations-card.component';

const RIVERSIDE: TenantSummary = {
  id: 'c3a1f2de-0000-4000-8000-000000000010',
  slug: 'riverside-community-health-nhs-trust',
  name: 'Riverside Community Health NHS Trust',
  odsCode: null,
};

const INVITATION: ReceivedInvitation = {
  id: '5d2e8a10-0000-4000-8000-000000000001',
  organisation: RIVERSIDE,
  role: 'compliance',
  roleName: 'Compliance officer',
  invitedBy: { displayName: 'Priya Shah' },
  invitedAt: '2026-12-03T09:00:00.000Z',
  expiresAt: '2026-12-17T09:00:00.000Z',
};

describe(InvitationsCardComponent.name, () => {
  let fixture: ComponentFixture<InvitationsCardComponent>;
  let httpTesting: HttpTestingController;

  async function render(items: ReceivedInvitation[]): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles: ['compliance'], displayName: 'David Evans' }));
    fixture = TestBed.createComponent(InvitationsCardComponent);
    fixture.detectChanges();
    TestBed.tick();
    httpTesting.expectOne(INVITATIONS_URL).flush({ items });
    await fixture.whenStable();
  }

  afterEach(() => httpTesting.verify());

  const card = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const text = (): string => card().textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const button = (name: string): HTMLButtonElement | undefined =>
    [...card().querySelectorAll<HTMLButtonElement>('button')].find(
      (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === name,
    );

  it('should show nothing when nobody has invited the person', async () => {
    await render([]);

    expect(text()).toBe('');
    expect(card().querySelector('section')).toBeNull();
  });

  it('should say who invited them, to which organisation and as what, with Join and Decline named for it', async () => {
    await render([INVITATION]);

    expect(card().querySelector('h2')?.textContent).toContain('An invitation for you');
    expect(text()).toContain(
      'Priya Shah invited you to join Riverside Community Health NHS Trust as Compliance officer.',
    );
    expect(text()).toContain('Open until 17 December 2026.');
    expect(button('Join Riverside Community Health NHS Trust')?.textContent?.trim()).toBe('Join');
    expect(button('Decline the invitation to join Riverside Community Health NHS Trust')?.textContent?.trim()).toBe(
      'Decline',
    );
  });

  it('should join, refresh the organisations in the account menu, and offer to switch to it now', async () => {
    await render([INVITATION]);
    button('Join Riverside Community Health NHS Trust')?.click();
    await settle();

    const accept = httpTesting.expectOne(acceptInvitationUrl(INVITATION.id));
    expect(accept.request.method).toBe('POST');
    expect(accept.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
    accept.flush({ organisation: RIVERSIDE, role: 'compliance', roleName: 'Compliance officer' });
    await settle();
    const withRiverside = sessionStub({
      roles: ['compliance'],
      displayName: 'David Evans',
      tenants: [NORTHBRIDGE, RIVERSIDE],
    });
    httpTesting.expectOne(SESSION_URL).flush(withRiverside);
    httpTesting.expectOne(INVITATIONS_URL).flush({ items: [] });
    await fixture.whenStable();

    expect(text()).toContain('You have joined Riverside Community Health NHS Trust as Compliance officer.');
    const switchNow = button('Switch to it now');
    expect(switchNow?.getAttribute('aria-describedby')).toBe(`joined-${INVITATION.id}`);
    expect(
      TestBed.inject(SessionService)
        .current()
        ?.tenants.map((tenant) => tenant.name),
    ).toContain(RIVERSIDE.name);

    switchNow?.click();
    await settle();
    const switched = httpTesting.expectOne(SWITCH_TENANT_URL);
    expect(switched.request.body).toEqual({ tenantId: RIVERSIDE.id });
    switched.flush({
      ...withRiverside,
      activeTenant: RIVERSIDE,
      user: { ...withRiverside.user, tenantId: RIVERSIDE.id },
    });
    await settle();
    httpTesting.expectOne(INVITATIONS_URL).flush({ items: [] });
    await fixture.whenStable();

    expect(TestBed.inject(SessionService).activeTenantId()).toBe(RIVERSIDE.id);
    expect(text()).toBe('');
  });

  it('should decline, and say so', async () => {
    await render([INVITATION]);
    button('Decline the invitation to join Riverside Community Health NHS Trust')?.click();
    await settle();

    const decline = httpTesting.expectOne(declineInvitationUrl(INVITATION.id));
    expect(decline.request.method).toBe('POST');
    decline.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    httpTesting.expectOne(INVITATIONS_URL).flush({ items: [] });
    await fixture.whenStable();

    expect(card().querySelector('[role="status"]')?.textContent).toContain(
      'You declined the invitation to join Riverside Community Health NHS Trust.',
    );
    expect(button('Join Riverside Community Health NHS Trust')).toBeUndefined();
  });

  it("should keep the invitation with the server's reason when it can no longer be answered", async () => {
    await render([INVITATION]);
    button('Join Riverside Community Health NHS Trust')?.click();
    await settle();
    httpTesting.expectOne(acceptInvitationUrl(INVITATION.id)).flush(
      {
        statusCode: 410,
        error: 'Gone',
        message: 'This invitation expired on 17 December 2026. Ask Priya Shah to invite you again.',
        requestId: 'r',
      },
      { status: 410, statusText: 'Gone' },
    );
    await settle();
    await fixture.whenStable();

    expect(card().querySelector('[role="alert"]')?.textContent).toContain('Ask Priya Shah to invite you again.');
    expect(button('Join Riverside Community Health NHS Trust')?.disabled).toBe(false);
  });
});
