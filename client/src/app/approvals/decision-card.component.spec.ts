import { TestBed } from '@angular/core/testing';
import { decisionStub } from '../../testing/runs.stub';
import { provideTestEnvironment } from '../../testing/test-providers';
import { DIAGRAM_RENDERER } from '../shared/markdown/diagram-renderer';
import { DecisionCardComponent } from './decision-card.component';

describe(DecisionCardComponent.name, () => {
  it("should draw the mermaid diagrams of a decision's context instead of showing their source", async () => {
    const drawn: string[] = [];
    TestBed.configureTestingModule({
      providers: [
        ...provideTestEnvironment(),
        {
          provide: DIAGRAM_RENDERER,
          useValue: () =>
            Promise.resolve({
              render: (_id: string, source: string) => {
                drawn.push(source.trim());
                return Promise.resolve({ svg: '<svg><text>Validator</text></svg>' });
              },
            }),
        },
      ],
    });
    const fixture = TestBed.createComponent(DecisionCardComponent);
    fixture.componentRef.setInput(
      'decision',
      decisionStub({ context: 'Signs the **impact assessment**.\n\n```mermaid\nflowchart LR\n  A --> B\n```' }),
    );
    fixture.componentRef.setInput('now', Date.now());
    fixture.componentRef.setInput('decider', { userId: 'user-sup', roles: ['supervisor'], can: () => true });
    await fixture.whenStable();
    const context = (fixture.nativeElement as HTMLElement).querySelector('.context');

    await vi.waitFor(() => expect(context?.querySelector('figure.diagram svg')).not.toBeNull());
    expect(context?.querySelector('strong')?.textContent).toBe('impact assessment');
    expect(drawn).toEqual(['flowchart LR\n  A --> B']);
    expect(context?.querySelector('pre')).toBeNull();
  });
});
