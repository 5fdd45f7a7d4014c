import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { PlatformStatusResponse } from '@trustops/contracts';
import { platformStatusStub } from '../../testing/platform-status.stub';
import { provideTestEnvironment } from '../../testing/test-providers';
import { PLATFORM_STATUS_URL } from '../core/platform-status.service';
import { PlatformStatusCardComponent } from './platform-status-card.component';

describe(PlatformStatusCardComponent.name, () => {
  let fixture: ComponentFixture<PlatformStatusCardComponent>;
  let httpTesting: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PlatformStatusCardComponent);
    fixture.detectChanges();
  });

  afterEach(() => httpTesting.verify());

  const element = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const text = (testId: string): string =>
    element().querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const icons = (testId: string): string[] =>
    [...element().querySelectorAll(`[data-testid="${testId}"] mat-icon`)].map(
      (icon) => icon.getAttribute('data-mat-icon-name') ?? icon.getAttribute('svgicon') ?? '',
    );

  async function answer(status: PlatformStatusResponse): Promise<void> {
    httpTesting.expectOne(PLATFORM_STATUS_URL).flush(status);
    await fixture.whenStable();
  }

  it('should say it is checking while the status is loading', () => {
    expect(text('status-loading')).toContain('Checking the platform');
    expect(element().querySelector('mat-progress-spinner')?.getAttribute('aria-label')).toBe('Checking the platform');
    httpTesting.expectOne(PLATFORM_STATUS_URL);
  });

  it('should show the version and working database and queues with icons and words', async () => {
    await answer(platformStatusStub());

    expect(text('status-version')).toContain('1.2.3');
    expect(text('status-database')).toContain('Working');
    expect(text('status-database')).toContain('Built-in PostgreSQL database');
    expect(icons('status-database')).toContain('status-up');
    expect(text('status-queues')).toContain('Working');
    expect(icons('status-queues')).toContain('status-up');
    expect(element().querySelector('[data-testid="status-loading"]')).toBeNull();
  });

  it('should say which dependency is down, in words and with a different icon', async () => {
    await answer(
      platformStatusStub({
        database: { state: 'down', source: 'configured' },
        queues: { state: 'up', source: 'configured' },
      }),
    );

    expect(text('status-database')).toContain('Not reachable');
    expect(text('status-database')).toContain('set up by your administrators');
    expect(icons('status-database')).toContain('status-down');
    expect(text('status-queues')).toContain('Working');
  });

  it('should label the offline engine plainly as having no AI service', async () => {
    await answer(platformStatusStub({ modelEngine: { engine: 'offline', label: 'Offline engine' } }));

    expect(text('status-engine')).toContain('Offline analysis engine — no AI service connected');
    expect(icons('status-engine')).toContain('engine-offline');
    expect(text('status-engine')).not.toContain('Claude');
  });

  it('should show the Claude engine and its model when an AI service is connected', async () => {
    await answer(
      platformStatusStub({ modelEngine: { engine: 'claude', label: 'Anthropic Claude (claude-sonnet-4-5)' } }),
    );

    expect(text('status-engine')).toContain('Claude AI service connected');
    expect(text('status-engine')).toContain('claude-sonnet-4-5');
    expect(icons('status-engine')).toContain('engine-claude');
    expect(text('status-engine')).not.toContain('no AI service');
  });

  it('should show a friendly error and load the status again when asked to retry', async () => {
    httpTesting
      .expectOne(PLATFORM_STATUS_URL)
      .flush({ message: 'Starting' }, { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();

    expect(text('status-error')).toContain('We could not check the platform just now.');
    const retry = element().querySelector<HTMLButtonElement>('[data-testid="status-error"] button');
    expect(retry?.textContent).toContain('Try again');

    retry?.click();
    fixture.detectChanges();
    expect(text('status-loading')).toContain('Checking the platform');

    await answer(platformStatusStub());
    expect(element().querySelector('[data-testid="status-error"]')).toBeNull();
    expect(text('status-database')).toContain('Working');
  });
});
