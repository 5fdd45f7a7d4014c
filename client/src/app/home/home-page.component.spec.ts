import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { platformStatusStub, sessionStub } from '../../testing/platform-status.stub';
import { provideTestEnvironment } from '../../testing/test-providers';
import { PLATFORM_STATUS_URL } from '../core/platform-status.service';
import { SESSION_URL } from '../core/session.service';
import { HomePageComponent } from './home-page.component';
import { INVITATIONS_URL } from './invitations-api';

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

  /** A signed-in person who may start wizards sees their recent wizard runs, and anyone their invitations: none here. */
  const flushRecentProjects = async (): Promise<void> => {
    await Promise.resolve();
    TestBed.tick();
    httpTesting.expectOne((request) => request.url === '/api/runs').flush({ items: [], nextCursor: null });
    httpTesting.expectOne(INVITATIONS_URL).flush({ items: [] });
  };

  const welcome = (): string =>
    (fixture.nativeElement as HTMLElement).querySelector('.welcome')?.textContent?.replace(/\s+/g, ' ') ?? '';

  it('should welcome a signed-in person by name, with their organisation and roles', async () => {
    httpTesting.expectOne(SESSION_URL).flush(sessionStub());
    await flushRecentProjects();
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
    await flushRecentProjects();
    await fixture.whenStable();

    expect(welcome()).toContain('Welcome, Dr Aisha Rahman');
  });

  it('should link a tile to every area the person may open', async () => {
    httpTesting.expectOne(SESSION_URL).flush(sessionStub());
    await flushRecentProjects();
    await fixture.whenStable();

    const links = [...(fixture.nativeElement as HTMLElement).querySelectorAll<HTMLAnchorElement>('.tile-link')];
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      '/wizards',
      '/documents',
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

describe('HomePageComponent for someone who may start wizards', () => {
  it('should offer the wizards, the request box and their recent projects with "Continue"', async () => {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    const httpTesting = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(HomePageComponent);
    fixture.detectChanges();
    httpTesting.expectOne(PLATFORM_STATUS_URL).flush(platformStatusStub());
    httpTesting.expectOne(SESSION_URL).flush(sessionStub());
    await Promise.resolve();
    TestBed.tick();
    httpTesting
      .expectOne((request) => request.url === '/api/runs')
      .flush({
        items: [
          {
            id: 'run-1',
            runbookId: 'wizards-impact-assessment',
            runbookVersion: 1,
            runbookTitle: 'Assess the impact of a change',
            state: 'succeeded',
            idempotencyKey: null,
            startedBy: { userId: 'user-1', displayName: 'Dr Aisha Rahman' },
            createdAt: '2026-12-01T09:00:00Z',
            startedAt: '2026-12-01T09:00:00Z',
            finishedAt: '2026-12-01T09:01:00Z',
            progress: { done: 3, total: 3 },
            error: null,
          },
          { id: 'run-2', runbookId: 'approval-demo', runbookTitle: 'Approval demo', state: 'succeeded' },
        ],
        nextCursor: null,
      });
    httpTesting.expectOne(INVITATIONS_URL).flush({ items: [] });
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;

    expect([...page.querySelectorAll('.wizard-link')].map((link) => link.textContent?.trim())).toEqual([
      'Analyse an integration',
      'Document a system',
      'Assess the impact of a change',
      'Generate a test plan',
      'Gap analysis',
    ]);
    expect(page.querySelector('[data-testid="what-do-you-need"]')).not.toBeNull();
    const projects = [...page.querySelectorAll('.projects li')];
    expect(projects.length).toBe(1);
    expect(projects[0]?.querySelector('a')?.getAttribute('href')).toBe('/wizards/impact/runs/run-1');
    httpTesting.verify();
  });
});
