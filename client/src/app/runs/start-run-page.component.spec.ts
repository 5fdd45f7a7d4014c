import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { RunbookSummary } from '@trustops/contracts';
import { sessionStub } from '../../testing/platform-status.stub';
import { runStub } from '../../testing/runs.stub';
import { settle, signInForTest } from '../../testing/session.harness';
import { provideTestEnvironment } from '../../testing/test-providers';
import { RUNBOOKS_URL, runbookUrl, type RunbookView } from '../runbooks/runbooks-api';
import { RUNS_URL } from './runs-api';
import { StartRunPageComponent } from './start-run-page.component';

const SUMMARY: RunbookSummary = {
  id: 'approval-demo',
  version: 1,
  title: 'Approval demo',
  description: "Records a reason, waits for a supervisor's approval, then carries out the change.",
  tags: ['demo'],
  source: 'builtin',
  updatedAt: '2026-11-23T10:00:00.000Z',
};

const RUNBOOK: RunbookView = {
  ...SUMMARY,
  yaml: 'id: approval-demo',
  createdBy: null,
  definition: {
    id: 'approval-demo',
    version: 1,
    title: 'Approval demo',
    description: SUMMARY.description,
    tags: ['demo'],
    inputs: [
      { name: 'reason', type: 'text', label: 'Reason for the change', required: true, minLength: 3 },
      { name: 'minutes', type: 'number', label: 'Minutes of downtime', required: false, max: 60 },
      {
        name: 'urgency',
        type: 'enum',
        label: 'How urgent is it?',
        required: false,
        default: 'normal',
        options: [
          { value: 'low', label: 'Can wait' },
          { value: 'normal', label: 'Today' },
        ],
      },
    ],
    steps: [
      { id: 'note', type: 'log', with: {}, needs: [] },
      { id: 'approve', type: 'approval', with: {}, needs: ['note'] },
    ],
    outputs: [],
  },
};

describe(StartRunPageComponent.name, () => {
  let fixture: ComponentFixture<StartRunPageComponent>;
  let httpTesting: HttpTestingController;

  async function render(): Promise<void> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    httpTesting = TestBed.inject(HttpTestingController);
    await signInForTest(sessionStub({ roles: ['operator'] }));
    fixture = TestBed.createComponent(StartRunPageComponent);
    fixture.componentRef.setInput('runbook', 'approval-demo');
    await settle();
    httpTesting.expectOne(RUNBOOKS_URL).flush([SUMMARY]);
    httpTesting.expectOne(runbookUrl('approval-demo')).flush(RUNBOOK);
    await settle();
  }

  afterEach(() => httpTesting.verify());

  const page = (): HTMLElement => fixture.nativeElement as HTMLElement;
  async function type(name: string, value: string): Promise<void> {
    const field = page().querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-input="${name}"]`);
    if (!field) throw new Error(`no field ${name}`);
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await settle();
  }
  async function submit(): Promise<void> {
    page().querySelector('form')?.dispatchEvent(new Event('submit'));
    await settle();
  }
  const errors = (): string[] =>
    [...page().querySelectorAll('mat-error')].map((error) => error.textContent?.trim() ?? '').filter(Boolean);

  it('should render the runbook picked in the address as a form of its inputs', async () => {
    await render();

    expect(page().textContent).toContain('It has 2 steps, one of which waits for a person to decide.');
    expect(page().querySelector('textarea[data-input="reason"]')).not.toBeNull();
    expect(page().querySelector('input[data-input="minutes"]')?.getAttribute('type')).toBe('number');
    const radios = [...page().querySelectorAll('mat-radio-button')].map((radio) => radio.textContent?.trim());
    expect(radios).toEqual(['Can wait', 'Today']);
  });

  it("should show the runbook library's messages and send nothing until the answers are right", async () => {
    await render();

    await submit();
    expect(errors()).toEqual(['Reason for the change is required.']);

    await type('reason', 'ab');
    await type('minutes', '90');
    await submit();
    expect(errors()).toEqual([
      'Reason for the change must be at least 3 characters long.',
      'Minutes of downtime must be 60 or less.',
    ]);
    expect(page().querySelector('.form-error')?.textContent).toContain('Check the answers marked above');
  });

  it('should start the run with converted answers and one idempotency key, then open it', async () => {
    await render();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    await type('reason', 'The PAS feed needs its new certificate.');
    await type('minutes', '5');
    await submit();

    const request = httpTesting.expectOne(RUNS_URL);
    const body = request.request.body as { idempotencyKey: string };
    expect(request.request.body).toEqual({
      runbookId: 'approval-demo',
      inputs: { reason: 'The PAS feed needs its new certificate.', minutes: 5, urgency: 'normal' },
      idempotencyKey: body.idempotencyKey,
    });
    expect(body.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    request.flush(runStub({ id: 'run-9' }));
    await settle();

    expect(navigate).toHaveBeenCalledWith(['/runs', 'run-9']);
  });
});
