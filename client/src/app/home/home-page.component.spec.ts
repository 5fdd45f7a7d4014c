import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { platformStatusStub, sessionStub } from '../../testing/platform-status.stub';
import { provideTestEnvironment } from '../../testing/test-providers';
import { PLATFORM_STATUS_URL } from '../core/platform-status.service';
import { SESSION_URL } from '../core/session.service';
import { HomePageComponent } from './home-page.component';

describe(HomePageComponent.name, () => {
  let fixture: ComponentFixture<HomePageComponent>;
  let httpTesting: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HomePageComponent);
    fixture.detectChanges();
    httpTesting.expectOne(PLATFORM_STATUS_URL).flush(platformStatusStub());
  });

  afterEach(() => httpTesting.verify());

  const welcome = (): string =>
    (fixture.nativeElement as HTMLElement).querySelector('.welcome')?.textContent?.replace(/\s+/g, ' ') ?? '';

  it('should welcome a signed-in person by name, with their organisation and roles', async () => {
    httpTesting.expectOne(SESSION_URL).flush(sessionStub());
    await fixture.whenStable();

    expect(welcome()).toContain('Welcome, Dr Aisha Rahman');
    expect(welcome()).toContain('signed in to Northbridge University Hospitals as Clinician, Supervisor');
  });

  it('should ask a signed-out person to sign in', async () => {
    httpTesting.expectOne(SESSION_URL).flush(null, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();

    const signIn = (fixture.nativeElement as HTMLElement).querySelector<HTMLAnchorElement>('.welcome a');
    expect(welcome()).toContain('Sign in with your NHS account');
    expect(signIn?.getAttribute('href')).toBe('/auth/login');
  });

  it('should say when it could not tell whether anyone is signed in, and check again on request', async () => {
    httpTesting.expectOne(SESSION_URL).flush('Down', { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();

    expect(welcome()).toContain('We could not check whether you are signed in');
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('.welcome button')?.click();
    fixture.detectChanges();
    httpTesting.expectOne(SESSION_URL).flush(sessionStub());
    await fixture.whenStable();

    expect(welcome()).toContain('Welcome, Dr Aisha Rahman');
  });

  it('should link a tile to every area the person may open', async () => {
    httpTesting.expectOne(SESSION_URL).flush(sessionStub());
    await fixture.whenStable();

    const links = [...(fixture.nativeElement as HTMLElement).querySelectorAll<HTMLAnchorElement>('.tile-link')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/wizards',
      '/runs',
      '/runbooks',
      '/workspaces',
      '/incidents',
      '/tasks',
      '/schedules',
      '/revenue-cycle',
      '/approvals',
    ]);
  });
});
