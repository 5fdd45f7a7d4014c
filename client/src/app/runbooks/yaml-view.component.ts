import { ChangeDetectionStrategy, Component, computed, input, ViewEncapsulation } from '@angular/core';
import hljs from 'highlight.js/lib/core';
import yaml from 'highlight.js/lib/languages/yaml';

hljs.registerLanguage('yaml', yaml);

/**
 * A runbook's YAML with line numbers and quiet syntax colours (highlight.js escapes the text, so
 * the markup it returns holds nothing from the runbook but text).
 */
@Component({
  selector: 'to-yaml-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // highlight.js's spans are created outside Angular's templates, so these styles cannot be scoped.
  encapsulation: ViewEncapsulation.None,
  template: `<pre class="to-yaml" tabindex="0" [attr.aria-label]="label()"><code [innerHTML]="html()"></code></pre>`,
  styles: `
    .to-yaml {
      max-height: 36rem;
      padding: 1rem;
      margin: 0;
      overflow: auto;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
      background: var(--to-color-page);
      color: var(--to-color-text);
      font-size: 0.875rem;
      line-height: 1.6;
      counter-reset: to-yaml-line;

      .line::before {
        display: inline-block;
        width: 2.5rem;
        margin-right: 1rem;
        color: var(--to-color-secondary-text);
        text-align: right;
        content: counter(to-yaml-line);
        counter-increment: to-yaml-line;
        user-select: none;
      }

      .hljs-attr {
        color: #003087;
        font-weight: 700;
      }

      .hljs-string {
        color: #006435;
      }

      .hljs-number,
      .hljs-literal {
        color: #8a3a00;
      }

      .hljs-comment {
        color: #4c6272;
        font-style: italic;
      }

      .hljs-bullet,
      .hljs-meta {
        color: #7c2855;
      }
    }
  `,
})
export class YamlViewComponent {
  readonly yaml = input.required<string>();
  readonly label = input('Runbook definition');

  protected readonly html = computed(() => {
    const highlighted = hljs.highlight(this.yaml().replace(/\n$/, ''), {
      language: 'yaml',
      ignoreIllegals: true,
    }).value;
    // One span per line for the line numbers; highlight.js never opens a span across lines in YAML
    // except for block strings, whose spans are closed and reopened around each break here.
    return splitLines(highlighted)
      .map((line) => `<span class="line">${line}</span>`)
      .join('\n');
  });
}

/** Splits highlighted HTML into lines, closing spans open at a line break and reopening them on the next line. */
function splitLines(html: string): string[] {
  const lines: string[] = [];
  let open: string[] = [];
  for (const raw of html.split('\n')) {
    const line = open.join('') + raw;
    const stack = [...open];
    for (const match of raw.matchAll(/<span[^>]*>|<\/span>/g)) {
      if (match[0] === '</span>') stack.pop();
      else stack.push(match[0]);
    }
    lines.push(line + '</span>'.repeat(stack.length));
    open = stack;
  }
  return lines;
}
