import { Location } from '@angular/common';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { TitleStrategy } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { platformStatusStub, sessionStub } from '../testing/platform-status.stub';
import { settle, signInForTest } from '../testing/session.harness';
import { provideTestEnvironment } from '../testing/test-providers';
import { routes } from './app.routes';
import { AuditPageComponent } from './audit/audit-page.component';
import { AREAS } from './core/areas';
import { BrowserLocation } from './core/browser-location';
import { PLATFORM_STATUS_URL } from './core/platform-status.service';
import { TrustOpsTitleStrategy } from './core/title.strategy';
import { HomePageComponent } from './home/home-page.component';
import { NoAccessPageComponent } from './no-access/no-access-page.component';
import { NotFoundPageComponent } from './not-found/not-found-page.component';
import { RunsPageComponent } from './runs/runs-page.component';

describe('routes', () => {
  let harness: RouterTestingHarness;
  let httpTesting: HttpTestingController;
  const assign = vi.fn();

  beforeEach(async () => {
    assign.mockReset();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestEnvironment(routes),
        { provide: TitleStrategy, useExisting: TrustOpsTitleStrategy },
        { provide: BrowserLocation, useValue: { assign } },
      ],
    });
    httpTesting = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  /** Signs in as `roles` (`null`: signed out), then opens `url`. */
  async function open(url: string, roles: string[] | null): Promise<HTMLElement> {
    await signInForTest(roles === null ? { status: 401 } : sessionStub({ roles }));
    await harness.navigateByUrl(url);
    return harness.routeNativeElement as HTMLElement;
  }

  const heading = (): string => harness.routeNativeElement?.querySelector('h1')?.textContent?.trim() ?? '';

  it('should open the Runs area at /runs', async () => {
    await open('/runs', ['clinician']);

    expect(harness.routeDebugElement?.componentInstance).toBeInstanceOf(RunsPageComponent);
    expect(heading()).toBe('Runs');
    expect(TestBed.inject(Title).getTitle()).toBe('Runs · TrustOps');
  });

  it('should give every area not built yet an honest page about what it will do', async () => {
    const allRoles = ['clinician', 'analyst', 'operator', 'supervisor', 'compliance', 'admin'];
    const page = await open('/tasks', allRoles);
    expect(page.textContent).toContain('Not open yet');
    const built = [
      'home',
      'admin',
      'audit',
      'runs',
      'runbooks',
      'approvals',
      'workspaces',
      'incidents',
      'settings',
      'wizards',
      'documents',
    ];
    for (const area of AREAS.filter((candidate) => !built.includes(candidate.id))) {
      await harness.navigateByUrl(`/${area.path}`);
      const element = harness.routeNativeElement as HTMLElement;

      expect(heading()).toBe(area.label);
      expect(element.textContent).toContain('Not open yet');
      expect(element.querySelectorAll('.capabilities li').length).toBe(area.capabilities.length);
    }
  });

  it('should open the home page at /', async () => {
    await open('/', ['clinician']);
    httpTesting.expectOne(PLATFORM_STATUS_URL).flush(platformStatusStub());
    harness.fixture.detectChanges();
    httpTesting.expectOne((request) => request.url === '/api/runs').flush({ items: [], nextCursor: null });
    httpTesting.expectOne('/api/invitations').flush({ items: [] });
    await harness.fixture.whenStable();

    expect(harness.routeDebugElement?.componentInstance).toBeInstanceOf(HomePageComponent);
    expect(heading()).toBe('Welcome, Dr Aisha Rahman');
    // Wizards, Documents, Runs, Runbooks and Approvals: what a clinician may open.
    expect((harness.routeNativeElement as HTMLElement).querySelectorAll('.tiles li').length).toBe(5);
  });

  it('should show "Page not found" for an unknown address', async () => {
    await harness.navigateByUrl('/no-such-page', NotFoundPageComponent);

    expect(heading()).toBe('Page not found');
  });

  it('should show a clinician who opens /admin the no-access page, naming who can, at the same address', async () => {
    const page = await open('/admin', ['clinician']);

    expect(harness.routeDebugElement?.componentInstance).toBeInstanceOf(NoAccessPageComponent);
    expect(heading()).toBe("You don't have access to this page");
    expect(page.textContent).toContain(
      'This page is for people who can see users: that is a Compliance officer or an Administrator.',
    );
    expect(page.textContent).toContain('You are signed in as Clinician in Northbridge University Hospitals.');
    expect(page.querySelector('a[href="/"]')?.textContent).toContain('Go to the home page');
    expect(TestBed.inject(Location).path()).toBe('/admin');
    expect(TestBed.inject(Title).getTitle()).toBe('No access · TrustOps');
  });

  it('should show a clinician who opens the audit trail the no-access page', async () => {
    const page = await open('/audit', ['clinician']);

    expect(heading()).toBe("You don't have access to this page");
    expect(page.textContent).toContain('can read the audit trail: that is a Compliance officer or an Administrator.');
  });

  it('should open the audit trail for a compliance officer', async () => {
    await open('/audit', ['compliance']);
    await settle();
    httpTesting.match(() => true).forEach((request) => request.flush(null, { status: 503, statusText: 'Unavailable' }));
    await harness.fixture.whenStable();

    expect(harness.routeDebugElement?.componentInstance).toBeInstanceOf(AuditPageComponent);
    expect(heading()).toBe('Audit trail');
    expect(TestBed.inject(Title).getTitle()).toBe('Audit trail · TrustOps');
  });

  it('should show an admin who opens /admin the Users tab', async () => {
    await open('/admin', ['admin']);
    await settle();
    httpTesting.match(() => true).forEach((request) => request.flush({ items: [] }));
    await harness.fixture.whenStable();

    expect(TestBed.inject(Location).path()).toBe('/admin/users');
    expect(heading()).toBe('Admin');
    const tabs = [...(harness.routeNativeElement as HTMLElement).querySelectorAll('[mat-tab-link]')];
    expect(tabs.map((tab) => tab.textContent?.trim())).toEqual(['Users', 'Roles', 'API tokens', 'Organisations']);
  });

  it('should take an analyst who opens /admin to their API tokens, the only admin page they may use', async () => {
    await open('/admin', ['analyst']);
    await settle();
    httpTesting.match(() => true).forEach((request) => request.flush({ items: [] }));
    await harness.fixture.whenStable();

    expect(TestBed.inject(Location).path()).toBe('/admin/tokens');
    const tabs = [...(harness.routeNativeElement as HTMLElement).querySelectorAll('[mat-tab-link]')];
    expect(tabs.map((tab) => tab.textContent?.trim())).toEqual(['API tokens']);
  });

  it('should send someone signed out to sign in, and back to the page afterwards', async () => {
    await open('/admin/roles', null);

    expect(assign).toHaveBeenCalledWith('/auth/login?returnTo=%2Fadmin%2Froles');
  });

  it('should say so when it cannot check access, instead of showing a blank page', async () => {
    await signInForTest({ status: 502 });
    await harness.navigateByUrl('/audit');

    expect(heading()).toBe('We could not check your access');
    expect(TestBed.inject(Location).path()).toBe('/audit');
  });
});
