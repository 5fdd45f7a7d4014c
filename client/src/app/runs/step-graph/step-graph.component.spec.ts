import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { runStub, stepStub } from '../../../testing/runs.stub';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { StepGraphComponent, type GraphStepView } from './step-graph.component';

describe(StepGraphComponent.name, () => {
  let fixture: ComponentFixture<StepGraphComponent>;

  async function render(
    steps: GraphStepView[],
    layers: string[][],
    captions?: Record<string, string>,
  ): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: provideTestEnvironment() });
    fixture = TestBed.createComponent(StepGraphComponent);
    fixture.componentRef.setInput('steps', steps);
    fixture.componentRef.setInput('layers', layers);
    if (captions) fixture.componentRef.setInput('captions', captions);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const nodes = (element: HTMLElement): SVGGElement[] => [...element.querySelectorAll<SVGGElement>('g.node')];

  it('should draw a box per step with its state in words, and an arrow per need', async () => {
    const steps = runStub().steps.map((step, index) =>
      index === 0
        ? { ...step, state: 'succeeded' as const }
        : index === 1
          ? { ...step, state: 'waiting' as const }
          : step,
    );
    const element = await render(steps, [['note'], ['approve'], ['carry-out']]);

    expect(nodes(element).map((node) => node.getAttribute('aria-label'))).toEqual([
      'Step 1 of 3: Note the reason. Done. Starts first.',
      "Step 2 of 3: Approve the change. Waiting for a person. Starts after 'Note the reason'.",
      "Step 3 of 3: Change carried out. Not started. Starts after 'Approve the change'.",
    ]);
    expect(nodes(element).map((node) => node.getAttribute('data-tone'))).toEqual(['success', 'waiting', 'neutral']);
    expect(nodes(element)[1]?.querySelector('text.state')?.textContent).toBe('Waiting for a person');
    expect(element.querySelectorAll('path.edge').length).toBe(2);
    expect(element.querySelector('svg')?.getAttribute('aria-label')).toBe(
      "Diagram of the run's 3 steps; choose a step to see its details, or move between steps with the arrow keys",
    );
  });

  it('should let a keyboard user reach each step and pick one with Enter or Space', async () => {
    const element = await render(runStub().steps, [['note'], ['approve'], ['carry-out']]);
    const picked: string[] = [];
    fixture.componentInstance.selectStep.subscribe((id) => picked.push(id));

    const [first, second] = nodes(element);
    expect(first?.getAttribute('tabindex')).toBe('0');
    expect(first?.getAttribute('role')).toBe('button');
    second?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    first?.dispatchEvent(new KeyboardEvent('keydown', { key: ' ' }));
    first?.dispatchEvent(new MouseEvent('click'));
    expect(picked).toEqual(['approve', 'note', 'note']);

    fixture.componentRef.setInput('selected', 'approve');
    await fixture.whenStable();
    expect(nodes(element).map((node) => node.getAttribute('aria-pressed'))).toEqual(['false', 'true', 'false']);
  });

  it('should move between steps with the arrow keys, Home and End', async () => {
    const element = await render(runStub().steps, [['note'], ['approve'], ['carry-out']]);
    document.body.appendChild(element);
    const [first, second, third] = nodes(element);
    first?.focus();

    first?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    expect(document.activeElement).toBe(second);
    second?.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    expect(document.activeElement).toBe(third);
    third?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    expect(document.activeElement).toBe(second);
    second?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    expect(document.activeElement).toBe(first);
    element.remove();
  });

  it('should show the attempt of a step that is being retried', async () => {
    const element = await render([stepStub({ state: 'running', attempt: 2, maxAttempts: 3 })], [['note']]);
    expect(nodes(element)[0]?.querySelector('text.state')?.textContent).toBe('Running (attempt 2 of 3)');
  });

  it('should caption a runbook plan with what each step does instead of a state', async () => {
    const element = await render(runStub().steps, [['note'], ['approve'], ['carry-out']], {
      note: 'Notes something in the run',
      approve: 'Approved by supervisor',
    });
    expect(nodes(element).map((node) => node.querySelector('text.state')?.textContent)).toEqual([
      'Notes something in the run',
      'Approved by supervisor',
      'log',
    ]);
    expect(nodes(element).map((node) => node.getAttribute('data-state'))).toEqual(['plan', 'plan', 'plan']);
  });
});
