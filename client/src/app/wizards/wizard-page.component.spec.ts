import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { sessionStub } from '../../testing/platform-status.stub';
import { runStub } from '../../testing/runs.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { WIZARD_WORKSPACES_URL } from '../documents/documents-api';
import { runbookUrl, type RunbookView } from '../runbooks/runbooks-api';
import { RUNS_URL } from '../runs/runs-api';
import { WizardPageComponent } from './wizard-page.component';

const RUNBOOK: RunbookView = {
  id: 'wizards-impact-assessment',
  version: 1,
  title: 'Assess the impact of a change',
  description: 'Find everything a change would touch.',
  tags: ['wizard'],
  source: 'builtin',
  updatedAt: '2026-11-23T10:00:00.000Z',
  yaml: 'id: wizards-impact-assessment',
  createdBy: null,
  definition: {
    id: 'wizards-impact-assessment',
    version: 1,
    title: 'Assess the impact of a change',
    description: 'Find everything a change would touch.',
    tags: ['wizard'],
    inputs: [
      { name: 'workspace', type: 'workspace', label: 'Which integration?', required: true, group: 'Integration' },
      { name: 'change', type: 'text', label: 'What is changing?', required: true, minLength: 10, group: 'The change' },
      { name: 'area', type: 'string', label: 'Which data item?', required: false, group: 'The change' },
    ],
    steps: [{ id: 'analyse', type: 'agent.prompt', with: {}, needs: [] }],
    outputs: [],
  },
};

describe(WizardPageComponent.name, () => {
  let fixture: ComponentFixture<WizardPageComponent>;
  let httpTesting: HttpTestingController;

  async function render(request?: string): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles: ['clinician'] }));
    fixture = TestBed.createComponent(WizardPageComponent);
    fixture.componentRef.setInput('key', 'impact');
    fixture.componentRef.setInput('request', request);
    await settle();
    httpTesting.expectOne(runbookUrl('wizards-impact-assessment')).flush(RUNBOOK);
    httpTesting.expectOne(WIZARD_WORKSPACES_URL).flush({ items: [{ id: 'ws-1', name: 'ADT feed', fileCount: 12 }] });
    await settle();
  }

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const steps = (): HTMLElement[] => [...page().querySelectorAll<HTMLElement>('.mat-vertical-stepper-content')];
  const currentStep = (): string | undefined =>
    page().querySelector('.mat-step-header[aria-current="step"]')?.textContent?.trim();
  async function next(step: number): Promise<void> {
    const form = steps()[step]?.querySelector('form');
    form?.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    form?.dispatchEvent(new Event('submit'));
    await settle();
  }

  it("should ask each step's questions, grouped as the runbook says, with the only codebase chosen and the request filled in", async () => {
    await render('the NHS number moves to PID-2');

    const labels = steps().map((step) =>
      [...step.querySelectorAll('mat-label')].map((label) => label.textContent?.trim()),
    );
    expect(labels.slice(0, 2)).toEqual([['Which integration?'], ['What is changing?', 'Which data item? (optional)']]);
    expect(page().querySelector('mat-select[data-input="workspace"]')?.textContent).toContain('ADT feed (12 files)');
    expect(page().querySelector<HTMLTextAreaElement>('textarea[data-input="change"]')?.value).toBe(
      'the NHS number moves to PID-2',
    );
  });

  it('should keep a step open, saying what to fix, until its answers are right', async () => {
    await render('too short');

    await next(0);
    await next(1);

    expect(steps()[1]?.querySelector('mat-error')?.textContent?.trim()).toBe(
      'What is changing? must be at least 10 characters long.',
    );
    expect(currentStep()).toContain('The change');
  });

  it('should start the run with the answers of every step, then follow it', async () => {
    await render('the NHS number moves to PID-2');
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    await next(0);
    await next(1);
    expect(currentStep()).toContain('Check and start');
    expect(page().querySelector('.review')?.textContent).toContain('ADT feed');
    [...page().querySelectorAll<HTMLButtonElement>('button')]
      .find((button) => button.textContent?.includes('Start the wizard'))
      ?.click();
    await settle();

    const request = httpTesting.expectOne(RUNS_URL);
    expect(request.request.body).toMatchObject({
      runbookId: 'wizards-impact-assessment',
      inputs: { workspace: 'ws-1', change: 'the NHS number moves to PID-2', area: null },
    });
    request.flush(runStub({ id: 'run-7' }));
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/wizards', 'impact', 'runs', 'run-7']);
  });
});
