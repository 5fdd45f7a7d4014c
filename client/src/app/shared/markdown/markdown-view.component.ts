import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  viewChild,
  ViewEncapsulation,
} from '@angular/core';
import { DIAGRAM_RENDERER } from './diagram-renderer';
import { renderMarkdown } from './render-markdown';

/** Mermaid needs an id per drawing that no other drawing on the page uses. */
let diagramCounter = 0;

/**
 * Markdown written by wizards, agents and runbooks as a page: rendered by marked and cleaned by
 * DOMPurify, then each ```mermaid block drawn as an SVG diagram by Mermaid (strict security level,
 * loaded only when a page has a diagram). A diagram Mermaid cannot draw stays as its source, with
 * a note, so nothing is lost. A diagram wider than its box scrolls sideways inside the box, which
 * then becomes a labelled scroll region that the keyboard can reach and scroll.
 */
@Component({
  selector: 'to-markdown-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<div #body class="markdown-body"></div>',
  // Not encapsulated: the rendered Markdown is set as HTML, so Angular's scoped styles would not
  // reach it. Every rule is prefixed with the component's element instead.
  encapsulation: ViewEncapsulation.None,
  styles: `
    to-markdown-view {
      display: block;
    }

    to-markdown-view .markdown-body {
      line-height: 1.5;
      overflow-wrap: break-word;
    }

    to-markdown-view .markdown-body h1 {
      font-size: 1.75rem;
      margin: 0.5rem 0 1rem;
    }

    to-markdown-view .markdown-body h2 {
      font-size: 1.375rem;
      margin: 1.5rem 0 0.75rem;
    }

    to-markdown-view .markdown-body h3 {
      font-size: 1.125rem;
    }

    to-markdown-view .markdown-body table {
      border-collapse: collapse;
      margin: 1rem 0;
      width: 100%;
      font-size: 0.9375rem;
    }

    to-markdown-view .markdown-body th,
    to-markdown-view .markdown-body td {
      border: 1px solid var(--to-color-border);
      padding: 0.375rem 0.625rem;
      text-align: left;
      vertical-align: top;
    }

    to-markdown-view .markdown-body th {
      background: var(--to-color-pale-grey);
      white-space: nowrap;
    }

    to-markdown-view .markdown-body code {
      font-size: 0.875em;
      background: var(--to-color-pale-grey);
      padding: 0 0.25rem;
      border-radius: 3px;
      overflow-wrap: anywhere;
    }

    to-markdown-view .markdown-body pre {
      overflow-x: auto;
      padding: 0.75rem;
      background: var(--to-color-pale-grey);
    }

    to-markdown-view .markdown-body blockquote {
      margin: 1rem 0;
      padding: 0.5rem 1rem;
      border-left: 4px solid var(--to-color-blue);
      background: var(--to-color-pale-blue);
    }

    to-markdown-view .markdown-body blockquote p {
      margin: 0;
    }

    to-markdown-view .markdown-body .diagram-hint {
      margin: 1rem 0 0.25rem;
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }

    to-markdown-view .markdown-body .diagram-hint + .diagram-box {
      margin-top: 0;
    }

    to-markdown-view .markdown-body .diagram-box {
      margin: 1rem 0;
      padding: 0.75rem;
      border: 1px solid var(--to-color-border);
      overflow-x: auto;
      background: var(--to-color-white);
    }

    to-markdown-view .markdown-body .diagram {
      margin: 0;
    }

    to-markdown-view .markdown-body .diagram svg {
      display: block;
      margin: 0 auto;
      height: auto;
    }

    to-markdown-view .markdown-body .diagram-note {
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }
  `,
})
export class MarkdownViewComponent {
  readonly markdown = input.required<string>();

  private readonly body = viewChild.required<ElementRef<HTMLElement>>('body');
  private readonly loadRenderer = inject(DIAGRAM_RENDERER);
  private rendering = 0;

  constructor() {
    effect(() => {
      const element = this.body().nativeElement;
      // DOMPurify has cleaned it; Angular's sanitiser would also strip the diagrams' SVG.
      element.innerHTML = renderMarkdown(this.markdown());
      void this.drawDiagrams(element, ++this.rendering);
    });
    // A diagram that fits a wide window may not fit a narrow one: look again when the width changes.
    const resizes = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => this.markScrolling());
    afterNextRender(() => resizes?.observe(this.body().nativeElement));
    inject(DestroyRef).onDestroy(() => resizes?.disconnect());
  }

  private async drawDiagrams(element: HTMLElement, rendering: number): Promise<void> {
    const blocks = [...element.querySelectorAll<HTMLElement>('pre > code.language-mermaid')];
    if (blocks.length === 0) return;
    const renderer = await this.loadRenderer();
    for (const [index, block] of blocks.entries()) {
      if (rendering !== this.rendering) return;
      const pre = block.parentElement;
      if (!pre) continue;
      try {
        const { svg } = await renderer.render(`to-diagram-${++diagramCounter}`, block.textContent ?? '');
        pre.replaceWith(diagramBox(svg, index + 1, blocks.length));
      } catch {
        const note = document.createElement('p');
        note.className = 'diagram-note';
        note.textContent = 'This diagram could not be drawn; its description is shown instead.';
        pre.before(note);
      }
    }
    this.markScrolling();
  }

  /** Makes each diagram box that scrolls a focusable, labelled region, and each that does not a plain box. */
  private markScrolling(): void {
    for (const box of this.body().nativeElement.querySelectorAll<HTMLElement>('.diagram-box')) {
      const name = box.dataset['name'] ?? 'Diagram';
      const hint = box.previousElementSibling?.classList.contains('diagram-hint') ? box.previousElementSibling : null;
      if (box.scrollWidth > box.clientWidth) {
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', `${name}, wider than the page: scroll sideways to see all of it`);
        if (!hint) box.before(scrollHint());
      } else {
        box.removeAttribute('tabindex');
        box.removeAttribute('role');
        box.removeAttribute('aria-label');
        hint?.remove();
      }
    }
  }
}

/** What sighted people are told above a diagram that scrolls (the region's label tells everyone else). */
function scrollHint(): HTMLElement {
  const hint = document.createElement('p');
  hint.className = 'diagram-hint';
  hint.setAttribute('aria-hidden', 'true');
  hint.textContent = 'This diagram is wider than the page: scroll sideways, or click it and use the arrow keys.';
  return hint;
}

/** A drawn diagram in its box; `number` of `count` names it when a page has several. */
function diagramBox(svg: string, number: number, count: number): HTMLElement {
  const name = count > 1 ? `Diagram ${number} of ${count}` : 'Diagram';
  const box = document.createElement('div');
  box.className = 'diagram-box';
  box.dataset['name'] = name;
  const figure = document.createElement('figure');
  figure.className = 'diagram';
  figure.setAttribute('role', 'img');
  figure.setAttribute('aria-label', name);
  figure.innerHTML = svg;
  // A wide diagram shrunk to the page becomes unreadable: below three quarters of its own size it
  // keeps that size and the box scrolls sideways instead.
  const drawn = figure.querySelector('svg');
  const natural = Number.parseFloat(drawn?.style.maxWidth ?? '');
  if (drawn && Number.isFinite(natural)) drawn.style.minWidth = `${Math.round(natural * 0.75)}px`;
  box.append(figure);
  return box;
}
