import { ChangeDetectionStrategy, Component, effect, ElementRef, inject, input, viewChild } from '@angular/core';
import { renderMarkdown } from '../approvals/markdown';

let mermaidReady: Promise<typeof import('mermaid').default> | undefined;
let diagramCounter = 0;

/** Mermaid is large: it is loaded the first time a page shows a diagram. */
function loadMermaid(): Promise<typeof import('mermaid').default> {
  mermaidReady ??= import('mermaid').then(({ default: mermaid }) => {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'base',
      themeVariables: {
        primaryColor: '#e8f1fb',
        primaryBorderColor: '#005eb8',
        lineColor: '#425563',
        fontFamily: 'Arial, sans-serif',
      },
      flowchart: { htmlLabels: false },
    });
    return mermaid;
  });
  return mermaidReady;
}

/**
 * A document's Markdown as a page: rendered by marked and cleaned by DOMPurify, then each
 * ```mermaid block drawn as an SVG diagram by Mermaid (strict security level). A diagram Mermaid
 * cannot draw stays as its source, with a note, so nothing is lost.
 */
@Component({
  selector: 'to-markdown-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<div #body class="markdown-body"></div>',
  styles: `
    :host {
      display: block;
    }

    .markdown-body {
      line-height: 1.5;
      overflow-wrap: anywhere;
    }

    .markdown-body :is(table) {
      border-collapse: collapse;
      margin: 1rem 0;
      display: block;
      overflow-x: auto;
    }

    .markdown-body :is(th, td) {
      border: 1px solid var(--to-color-border);
      padding: 0.375rem 0.625rem;
      text-align: left;
      vertical-align: top;
    }

    .markdown-body th {
      background: var(--to-color-pale-grey);
    }

    .markdown-body code {
      font-size: 0.875em;
      background: var(--to-color-pale-grey);
      padding: 0 0.25rem;
      border-radius: 3px;
    }

    .markdown-body pre {
      overflow-x: auto;
      padding: 0.75rem;
      background: var(--to-color-pale-grey);
    }

    .markdown-body blockquote {
      margin: 1rem 0;
      padding: 0.5rem 1rem;
      border-left: 4px solid #005eb8;
      background: #e8f1fb;
    }

    .markdown-body .diagram {
      margin: 1rem 0;
      padding: 0.75rem;
      border: 1px solid var(--to-color-border);
      overflow-x: auto;
      background: #fff;
    }

    .markdown-body .diagram svg {
      max-width: 100%;
      height: auto;
    }

    .markdown-body .diagram-note {
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }
  `,
})
export class MarkdownViewComponent {
  readonly markdown = input.required<string>();

  private readonly body = viewChild.required<ElementRef<HTMLElement>>('body');
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private rendering = 0;

  constructor() {
    effect(() => {
      const element = this.body().nativeElement;
      // DOMPurify has cleaned it; Angular's sanitiser would also strip the diagrams' SVG.
      element.innerHTML = renderMarkdown(this.markdown());
      void this.drawDiagrams(element, ++this.rendering);
    });
  }

  private async drawDiagrams(element: HTMLElement, rendering: number): Promise<void> {
    const blocks = [...element.querySelectorAll<HTMLElement>('pre > code.language-mermaid')];
    if (blocks.length === 0) return;
    const mermaid = await loadMermaid();
    for (const block of blocks) {
      if (rendering !== this.rendering) return;
      const pre = block.parentElement;
      if (!pre) continue;
      const figure = document.createElement('figure');
      figure.className = 'diagram';
      figure.setAttribute('role', 'img');
      figure.setAttribute('aria-label', 'Diagram of the message flows');
      try {
        const { svg } = await mermaid.render(`to-diagram-${++diagramCounter}`, block.textContent ?? '');
        figure.innerHTML = svg;
        pre.replaceWith(figure);
      } catch {
        const note = document.createElement('p');
        note.className = 'diagram-note';
        note.textContent = 'This diagram could not be drawn; its description is shown instead.';
        pre.before(note);
      }
    }
    this.host.nativeElement.dispatchEvent(new CustomEvent('diagrams-drawn', { bubbles: true }));
  }
}
