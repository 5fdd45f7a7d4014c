import { InjectionToken } from '@angular/core';

/** What the Markdown view needs of Mermaid: one source in, one SVG out (or a thrown error). */
export interface DiagramRenderer {
  render(id: string, source: string): Promise<{ svg: string }>;
}

let mermaidReady: Promise<DiagramRenderer> | undefined;

/**
 * Mermaid is large: it is imported (its own lazy chunk) the first time a page shows a diagram,
 * never by the initial bundle.
 */
function loadMermaid(): Promise<DiagramRenderer> {
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

/** How diagrams get drawn; tests give a stand-in, since Mermaid needs a browser's layout. */
export const DIAGRAM_RENDERER = new InjectionToken<() => Promise<DiagramRenderer>>('DIAGRAM_RENDERER', {
  providedIn: 'root',
  factory: () => loadMermaid,
});
