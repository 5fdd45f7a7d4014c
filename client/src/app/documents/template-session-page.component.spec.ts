import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { PromptTemplateView } from '@trustops/contracts';
import { sessionStub } from '../../testing/platform-status.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { WIZARD_WORKSPACES_URL } from './documents-api';
import { PROMPT_TEMPLATES_URL, templateSessionsUrl } from './prompt-templates-api';
import { TemplateSessionPageComponent } from './template-session-page.component';

const TEMPLATE: PromptTemplateView = {
  id: 'template-1',
  key: 'explain-feed',
  version: 2,
  title: 'Explain a feed',
  description: 'A plain-English walk through one feed.',
  body: 'Explain what the {{ feed }} feed does, for {{ audience }}.',
  variables: [
    { name: 'feed', required: true, description: 'Which feed?' },
    { name: 'audience', required: false, default: 'a ward manager' },
  ],
  createdBy: null,
  createdAt: '2026-12-01T09:00:00Z',
};

describe(TemplateSessionPageComponent.name, () => {
  let fixture: ComponentFixture<TemplateSessionPageComponent>;
  let httpTesting: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles: ['analyst'] }));
    fixture = TestBed.createComponent(TemplateSessionPageComponent);
    await settle();
    httpTesting.expectOne(PROMPT_TEMPLATES_URL).flush({ items: [TEMPLATE] });
    httpTesting.expectOne(WIZARD_WORKSPACES_URL).flush({ items: [{ id: 'ws-1', name: 'Fixture TIE', fileCount: 42 }] });
    await fixture.whenStable();
  });

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;

  async function pick(selectIndex: number, optionText: string): Promise<void> {
    page().querySelectorAll<HTMLElement>('mat-select')[selectIndex]?.click();
    await fixture.whenStable();
    [...document.querySelectorAll<HTMLElement>('mat-option')]
      .find((option) => option.textContent?.includes(optionText))
      ?.click();
    await fixture.whenStable();
  }

  async function type(name: string, value: string): Promise<void> {
    const input = page().querySelector<HTMLInputElement>(`input[name="${name}"]`);
    if (!input) throw new Error(`no box for ${name}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function ask(): Promise<void> {
    page().querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await settle();
  }

  it('should fill the chosen template, start the conversation and open its run', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await pick(0, 'Explain a feed');

    const question = (): string | null | undefined => page().querySelector('blockquote')?.textContent;
    expect(question()).toBe('Explain what the [Which feed?] feed does, for a ward manager.');
    const labels = [...page().querySelectorAll('mat-label')].map((label) => label.textContent?.trim());
    expect(labels).toEqual(['Template', 'Which feed?', 'Audience', 'Which integration?']);
    expect(page().textContent).toContain('Leave empty for “a ward manager”');

    await type('feed', 'ADT');
    expect(question()).toBe('Explain what the ADT feed does, for a ward manager.');
    await pick(1, 'Fixture TIE');
    await ask();

    const request = httpTesting.expectOne(templateSessionsUrl('explain-feed'));
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ workspaceId: 'ws-1', version: 2, values: { feed: 'ADT' } });
    request.flush({ session: { id: 'session-1' }, runId: 'run-9' });
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/runs', 'run-9']);
  });

  it('should say what is missing before asking, and show the server’s reason when it refuses', async () => {
    await ask();
    expect(page().querySelector('[role="alert"]')?.textContent).toContain('Choose a template first.');

    await pick(0, 'Explain a feed');
    await ask();
    expect(page().querySelector('[role="alert"]')?.textContent).toContain('Fill in “Which feed?”.');

    await type('feed', 'ADT');
    expect(page().querySelector('[role="alert"]')).toBeNull();
    await ask();
    expect(page().querySelector('[role="alert"]')?.textContent).toContain(
      'Choose which integration the agent should look at.',
    );

    await pick(1, 'Fixture TIE');
    await ask();
    httpTesting
      .expectOne(templateSessionsUrl('explain-feed'))
      .flush(
        { statusCode: 404, error: 'Not Found', message: 'There is no such workspace.' },
        { status: 404, statusText: 'Not Found' },
      );
    await settle();
    expect(page().querySelector('[role="alert"]')?.textContent).toContain('There is no such workspace.');
  });
});
