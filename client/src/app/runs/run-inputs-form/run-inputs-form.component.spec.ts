import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { RunbookInput } from '@trustops/runbook';
import { settle } from '../../../testing/session.harness';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { runInputsFormGroup } from './run-inputs-form-group';
import { RunInputsFormComponent } from './run-inputs-form.component';

const INPUTS: RunbookInput[] = [
  { name: 'workspace', type: 'workspace', label: 'Which integration?', help: 'As imported.', required: true },
  { name: 'change', type: 'text', label: 'What is changing?', required: true, minLength: 10 },
  { name: 'urgent', type: 'boolean', label: 'Is it urgent?', required: false },
  { name: 'due', type: 'date', label: 'When is it due?', required: false },
];

describe(RunInputsFormComponent.name, () => {
  let fixture: ComponentFixture<RunInputsFormComponent>;

  async function render(inputs: Record<string, unknown>): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    fixture = TestBed.createComponent(RunInputsFormComponent);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await settle();
    return fixture.nativeElement as HTMLElement;
  }
  const labels = (element: HTMLElement): string[] =>
    [...element.querySelectorAll('mat-label, mat-checkbox')].map((label) => label.textContent?.trim() ?? '');

  it('should ask for each input with the field that suits it, naming the optional ones', async () => {
    const element = await render({ inputs: INPUTS });

    expect(labels(element)).toEqual([
      'Which integration?',
      'What is changing?',
      'Is it urgent?',
      'When is it due? (optional)',
    ]);
    // Without a list of codebases, a workspace is typed in.
    expect(element.querySelector('input[data-input="workspace"]')?.getAttribute('type')).toBe('text');
    expect(element.querySelector('textarea[data-input="change"]')).not.toBeNull();
    expect(element.querySelector('mat-checkbox[data-input="urgent"]')).not.toBeNull();
    expect(element.querySelector('input[data-input="due"]')?.getAttribute('type')).toBe('date');
    expect(element.querySelector('mat-hint')?.textContent).toBe('As imported.');
  });

  it('should render only the inputs it is given, into the form the page keeps', async () => {
    const step = INPUTS.slice(0, 2);
    const form = runInputsFormGroup(step, { change: 'The NHS number moves to PID-2.' });
    const element = await render({ inputs: step, form });

    expect(element.querySelectorAll('[data-input]')).toHaveLength(2);
    const change = element.querySelector<HTMLTextAreaElement>('textarea[data-input="change"]');
    expect(change?.value).toBe('The NHS number moves to PID-2.');
    change!.value = 'Too short';
    change!.dispatchEvent(new Event('input'));
    await settle();
    expect(form.controls['change']?.value).toBe('Too short');

    expect(fixture.componentInstance.submit()).toBeUndefined();
    await settle();
    const errors = [...element.querySelectorAll('mat-error')].map((error) => error.textContent?.trim());
    expect(errors).toEqual([
      'Which integration? is required.',
      'What is changing? must be at least 10 characters long.',
    ]);
    expect(form.touched).toBe(true);
  });

  it('should offer the codebases as a list, and say when there are none yet', async () => {
    const workspaces = [{ id: 'ws-1', name: 'ADT feed', fileCount: 12 }];
    let element = await render({ inputs: INPUTS.slice(0, 1), workspaces });

    expect(element.querySelector('mat-select[data-input="workspace"]')).not.toBeNull();
    expect(element.querySelector('[role="status"]')).toBeNull();

    fixture.componentRef.setInput('workspaces', []);
    await settle();
    element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[role="status"]')?.textContent).toContain('No codebases have been imported yet.');
  });

  it('should give the answers converted as the runbook declares them', async () => {
    const form = runInputsFormGroup(INPUTS, { workspace: 'ws-1', change: 'The NHS number moves to PID-2.' });
    await render({ inputs: INPUTS, form });

    expect(fixture.componentInstance.submit()).toEqual({
      workspace: 'ws-1',
      change: 'The NHS number moves to PID-2.',
      urgent: false,
      due: null,
    });
  });
});
