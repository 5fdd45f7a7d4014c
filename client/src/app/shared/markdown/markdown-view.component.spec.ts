import { TestBed } from '@angular/core/testing';
import { provideTestEnvironment } from '../../../testing/test-providers';
import { DIAGRAM_RENDERER, type DiagramRenderer } from './diagram-renderer';
import { MarkdownViewComponent } from './markdown-view.component';

const FLOW = '```mermaid\nflowchart LR\n  A[ADT feed] --> B[Validator]\n```';

/** Stands in for Mermaid (which needs a real browser's layout): draws a box of the given width. */
function fakeRenderer(width = 900): DiagramRenderer & { sources: string[] } {
  const sources: string[] = [];
  return {
    sources,
    render: (_id, source) => {
      sources.push(source);
      if (source.includes('not a diagram')) return Promise.reject(new Error('Parse error'));
      return Promise.resolve({ svg: `<svg style="max-width: ${width}px;"><text>${source.length}</text></svg>` });
    },
  };
}

describe(MarkdownViewComponent.name, () => {
  let renderer: ReturnType<typeof fakeRenderer>;

  beforeEach(() => {
    renderer = fakeRenderer();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestEnvironment(),
        { provide: DIAGRAM_RENDERER, useValue: () => Promise.resolve(renderer) },
      ],
    });
  });

  afterEach(() => vi.restoreAllMocks());

  async function show(markdown: string): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(MarkdownViewComponent);
    fixture.componentRef.setInput('markdown', markdown);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    await vi.waitFor(() => {
      if (element.querySelector('pre > code.language-mermaid') && !element.querySelector('.diagram-note'))
        throw new Error('diagrams not drawn yet');
    });
    return element;
  }

  /** Makes every element report `scrollWidth` and `clientWidth`, as a browser's layout would. */
  function layout(scrollWidth: number, clientWidth: number): void {
    vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockReturnValue(scrollWidth);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(clientWidth);
  }

  it('should render the Markdown and draw each mermaid block as a diagram, no wider than it must be', async () => {
    layout(600, 600);
    const element = await show(`# Impact\n\nThe **ADT** feed.\n\n${FLOW}`);

    expect(element.querySelector('h1')?.textContent).toBe('Impact');
    expect(element.querySelector('strong')?.textContent).toBe('ADT');
    expect(renderer.sources).toEqual(['flowchart LR\n  A[ADT feed] --> B[Validator]\n']);
    const figure = element.querySelector('.diagram-box > figure.diagram');
    expect(figure?.getAttribute('role')).toBe('img');
    expect(figure?.getAttribute('aria-label')).toBe('Diagram');
    // Kept at three quarters of its own width at least, so that it stays readable.
    expect(figure?.querySelector('svg')?.style.minWidth).toBe('675px');
    expect(element.querySelector('pre')).toBeNull();
    // It fits: no scroll region, no extra stop for the keyboard.
    const box = element.querySelector<HTMLElement>('.diagram-box');
    expect(box?.getAttribute('tabindex')).toBeNull();
    expect(box?.getAttribute('role')).toBeNull();
    expect(element.querySelector('.diagram-hint')).toBeNull();
  });

  it('should make a diagram wider than its box a labelled scroll region the keyboard can reach', async () => {
    layout(2400, 800);
    const element = await show(`${FLOW}\n\n${FLOW}`);

    const boxes = [...element.querySelectorAll<HTMLElement>('.diagram-box')];
    expect(boxes.map((box) => [box.tabIndex, box.getAttribute('role'), box.getAttribute('aria-label')])).toEqual([
      [0, 'region', 'Diagram 1 of 2, wider than the page: scroll sideways to see all of it'],
      [0, 'region', 'Diagram 2 of 2, wider than the page: scroll sideways to see all of it'],
    ]);
    // Sighted people are told too, once per diagram.
    expect([...element.querySelectorAll('.diagram-hint')].map((hint) => hint.nextElementSibling)).toEqual(boxes);
    expect(element.querySelector('.diagram-hint')?.textContent).toContain('scroll sideways');
  });

  it('should keep a diagram it cannot draw as its source, with a note', async () => {
    const element = await show('```mermaid\nnot a diagram\n```');

    expect(element.querySelector('.diagram-note')?.textContent).toContain('could not be drawn');
    expect(element.querySelector('pre > code.language-mermaid')?.textContent).toContain('not a diagram');
    expect(element.querySelector('figure')).toBeNull();
  });

  it('should drop script and event handlers from the Markdown', async () => {
    const element = await show('Hello <script>alert(1)</script><img src="x" onerror="alert(2)">');

    expect(element.querySelector('script')).toBeNull();
    expect(element.querySelector('img')?.getAttribute('onerror')).toBeNull();
  });
});
