import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, DeferBlockState, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { CSRF_HEADER } from '@trustops/contracts';
import { NORTHBRIDGE, platformStatusStub, sessionStub, SOUTHMOOR } from '../../testing/platform-status.stub';
import { provideTestEnvironment } from '../../testing/test-providers';
import { routes } from '../app.routes';
import { AREAS } from '../core/areas';
import { BrowserLocation } from '../core/browser-location';
import { PLATFORM_STATUS_URL } from '../core/platform-status.service';
import { SESSION_URL, SessionService, SIGN_OUT_URL, SWITCH_TENANT_URL } from '../core/session.service';
import { ShellComponent } from './shell.component';

describe(ShellComponent.name, () => {
  let fixture: ComponentFixture<ShellComponent>;
  let httpTesting: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [...provideTestEnvironment(routes), { provide: BrowserLocation, useValue: { assign: vi.fn() } }],
    });
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ShellComponent);
    fixture.detectChanges();
  });

  afterEach(() => httpTesting.verify());

  const element = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const signInLink = (): HTMLAnchorElement | undefined =>
    [...element().querySelectorAll<HTMLAnchorElement>('mat-toolbar a')].find((link) =>
      link.textContent?.includes('Sign in'),
    );
  const toolbarText = (): string => element().querySelector('mat-toolbar')?.textContent?.replace(/\s+/g, ' ') ?? '';

  async function answer(session: { body: object | string; status?: number }): Promise<void> {
    httpTesting.expectOne(PLATFORM_STATUS_URL).flush(platformStatusStub({ environment: 'staging' }));
    const status = session.status ?? 200;
    httpTesting.expectOne(SESSION_URL).flush(session.body, { status, statusText: status === 200 ? 'OK' : 'Error' });
    await fixture.whenStable();
  }

  const navigationLinks = (): HTMLAnchorElement[] => [
    ...(element().querySelector('nav[aria-label="Main"]')?.querySelectorAll<HTMLAnchorElement>('a') ?? []),
  ];
  /** The text of the element a link names in `attribute` (its accessible name or description). */
  const referencedText = (link: Element, attribute: 'aria-labelledby' | 'aria-describedby'): string | undefined => {
    const id = link.getAttribute(attribute);
    return id ? element().querySelector(`[id="${id}"]`)?.textContent?.trim() : undefined;
  };
  const navigationLabels = (): (string | undefined)[] =>
    navigationLinks().map((link) => referencedText(link, 'aria-labelledby'));

  async function openUserMenu(): Promise<HTMLElement> {
    // The account button arrives in an `@defer (on idle)` block: render it now rather than wait
    // for the browser to be idle, which a busy machine may not be for a while.
    for (const block of await fixture.getDeferBlocks()) await block.render(DeferBlockState.Complete);
    element().querySelector<HTMLButtonElement>('.user-button')?.click();
    fixture.detectChanges();
    await fixture.whenStable();
    const panel = document.querySelector<HTMLElement>('.mat-mdc-menu-panel');
    if (!panel) {
      throw new Error('The user menu did not open');
    }
    return panel;
  }

  it('should offer every area, with its icon and description, to someone not signed in yet', async () => {
    await answer({ body: { statusCode: 401 }, status: 401 });

    const links = navigationLinks();
    expect(links.map((link) => link.getAttribute('href'))).toEqual(AREAS.map((area) => `/${area.path}`));
    for (const [index, link] of links.entries()) {
      expect(link.querySelector('mat-icon')?.getAttribute('data-mat-icon-name')).toBe(AREAS[index]?.icon);
      expect(referencedText(link, 'aria-labelledby')).toBe(AREAS[index]?.label);
      expect(referencedText(link, 'aria-describedby')).toBe(AREAS[index]?.summary);
    }
  });

  it('should mark the entry of the page being shown as the current page, and only that one', async () => {
    await answer({ body: sessionStub({ roles: ['operator'] }) });
    await TestBed.inject(Router).navigateByUrl('/schedules');
    await fixture.whenStable();

    const current = navigationLinks().filter((link) => link.getAttribute('aria-current') === 'page');
    expect(current.map((link) => referencedText(link, 'aria-labelledby'))).toEqual(['Schedules']);
  });

  it.each([
    { role: 'clinician', expected: ['Home', 'Guided wizards', 'Documents', 'Runs', 'Runbooks', 'Approvals'] },
    { role: 'admin', expected: ['Home', 'Admin', 'Audit trail', 'Settings'] },
    { role: 'compliance', expected: ['Home', 'Documents', 'Runs', 'Approvals', 'Admin', 'Audit trail'] },
    {
      role: 'operator',
      expected: [
        'Home',
        'Guided wizards',
        'Documents',
        'Runs',
        'Runbooks',
        'Incidents',
        'Schedules',
        'Revenue cycle',
        'Approvals',
      ],
    },
  ])('should show a $role only the areas their role lets them open', async ({ role, expected }) => {
    await answer({ body: sessionStub({ roles: [role] }) });

    expect(navigationLabels()).toEqual(expected);
  });

  it('should show no guarded area while the session is still being checked', () => {
    httpTesting.expectOne(PLATFORM_STATUS_URL).flush(platformStatusStub());
    fixture.detectChanges();

    expect(navigationLabels()).toEqual(['Home']);
    httpTesting.expectOne(SESSION_URL).flush(sessionStub());
  });

  it('should give the page its landmarks and a skip link to the main content', async () => {
    await answer({ body: sessionStub() });

    const skipLink = element().querySelector<HTMLAnchorElement>('a.skip-link');
    expect(skipLink?.textContent?.trim()).toBe('Skip to main content');
    expect(element().querySelector('header mat-toolbar')).not.toBeNull();
    expect(element().querySelector('main#main-content')).not.toBeNull();
    expect(element().querySelector('footer')).not.toBeNull();

    skipLink?.click();
    expect(document.activeElement?.id).toBe('main-content');
  });

  it('should show the environment from the platform status', async () => {
    await answer({ body: sessionStub() });

    expect(element().querySelector('.environment-badge')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Environment: Staging',
    );
  });

  it('should offer "Sign in" when nobody is signed in', async () => {
    await answer({ body: { statusCode: 401 }, status: 401 });

    expect(signInLink()?.getAttribute('href')).toBe('/auth/login');
  });

  it('should come back to the page after signing in', async () => {
    await answer({ body: { statusCode: 401 }, status: 401 });

    await TestBed.inject(Router).navigateByUrl('/no-such-page?tab=2');
    await fixture.whenStable();

    expect(signInLink()?.getAttribute('href')).toBe('/auth/login?returnTo=%2Fno-such-page%3Ftab%3D2');
  });

  it("should show the signed-in person's name", async () => {
    await answer({ body: sessionStub() });

    expect(toolbarText()).toContain('Dr Aisha Rahman');
    expect(toolbarText()).not.toContain('Sign in');
  });

  it('should say the signed-in state is unknown when the session cannot be checked', async () => {
    await answer({ body: 'Bad gateway', status: 502 });

    expect(toolbarText()).toContain('Sign-in status unknown');
    expect(toolbarText()).not.toContain('Sign in');
  });

  it('should show the roles in plain English and the organisation in the user menu', async () => {
    await answer({ body: sessionStub({ roles: ['compliance', 'analyst'] }) });

    const menu = await openUserMenu();

    expect(menu.textContent).toContain('Dr Aisha Rahman');
    expect(menu.textContent).toContain('Compliance officer, Integration analyst');
    expect(menu.textContent).toContain('Northbridge University Hospitals');
    expect(menu.querySelectorAll('[role="menuitemradio"]').length).toBe(0);
  });

  it('should offer "API tokens" only to someone who may manage tokens', async () => {
    await answer({ body: sessionStub({ roles: ['clinician'] }) });
    const clinicianMenu = await openUserMenu();
    expect(clinicianMenu.textContent).not.toContain('API tokens');
    expect(clinicianMenu.textContent).toContain('Sign out');
  });

  it('should link an admin to their API tokens from the user menu', async () => {
    await answer({ body: sessionStub({ roles: ['admin'] }) });
    const menu = await openUserMenu();

    const tokens = [...menu.querySelectorAll<HTMLAnchorElement>('a[mat-menu-item]')].find((link) =>
      link.textContent?.includes('API tokens'),
    );
    expect(tokens?.getAttribute('href')).toBe('/admin/tokens');
  });

  it('should switch organisation with the CSRF token when the person belongs to more than one', async () => {
    await answer({ body: sessionStub({ roles: ['admin'], tenants: [NORTHBRIDGE, SOUTHMOOR] }) });
    const menu = await openUserMenu();

    const options = [...menu.querySelectorAll<HTMLButtonElement>('[role="menuitemradio"]')];
    expect(
      options.map((option) => [option.textContent?.replace(/\s+/g, ' ').trim(), option.getAttribute('aria-checked')]),
    ).toEqual([
      ['Northbridge University Hospitals (current)', 'true'],
      ['Southmoor Community Trust', 'false'],
    ]);
    options[1]?.click();

    const request = httpTesting.expectOne(SWITCH_TENANT_URL);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ tenantId: SOUTHMOOR.id });
    expect(request.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
    request.flush(sessionStub({ roles: ['clinician'], tenants: [SOUTHMOOR, NORTHBRIDGE] }));
    // The page reopens under the new organisation, and the home page behind the shell asks for the
    // person's recent projects and invitations there: answer them whenever they come, until everything has settled.
    let settled = false;
    const stable = fixture.whenStable().then(() => (settled = true));
    while (!settled) {
      for (const recent of httpTesting.match((pending) => pending.url === '/api/runs')) {
        recent.flush({ items: [], nextCursor: null });
      }
      for (const invitations of httpTesting.match((pending) => pending.url === '/api/invitations')) {
        invitations.flush({ items: [] });
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await stable;

    const session = TestBed.inject(SessionService);
    expect(session.activeTenantId()).toBe(SOUTHMOOR.id);
    expect(navigationLabels()).toEqual(['Home', 'Guided wizards', 'Documents', 'Runs', 'Runbooks', 'Approvals']);
  });

  it('should sign out with the CSRF token and follow the server to the identity provider', async () => {
    await answer({ body: sessionStub() });
    const browserLocation = TestBed.inject(BrowserLocation);

    const menu = await openUserMenu();
    const signOut = [...menu.querySelectorAll<HTMLButtonElement>('button')].find((button) =>
      button.textContent?.includes('Sign out'),
    );
    signOut?.click();

    const request = httpTesting.expectOne(SIGN_OUT_URL);
    expect(request.request.method).toBe('POST');
    expect(request.request.headers.get(CSRF_HEADER)).toBe('csrf-token-1');
    request.flush({ redirectTo: 'https://identity.example/logout' });
    await fixture.whenStable();

    expect(browserLocation.assign).toHaveBeenCalledWith('https://identity.example/logout');
  });
});
