import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { EventEnvelope } from '@trustops/contracts';
import { MarkdownViewComponent } from '../../shared/markdown/markdown-view.component';
import { TOOL_LABELS, transcriptOf } from './transcript-entries';

/**
 * An agent's transcript on a run: Markdown messages, each tool call folded with its result, the
 * raw events one switch away, and exports (Markdown, PDF) from the runners' export endpoints.
 */
@Component({
  selector: 'to-transcript',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MarkdownViewComponent, MatButtonModule, MatExpansionModule, MatIconModule, MatSlideToggleModule],
  template: `
    <section class="transcript" aria-labelledby="transcript-heading">
      <div class="bar">
        <h2 id="transcript-heading">{{ heading() }}</h2>
        <mat-slide-toggle [checked]="raw()" (change)="raw.set($event.checked)">Show raw events</mat-slide-toggle>
        <a mat-stroked-button [href]="exportUrl('md')" download>
          <mat-icon svgIcon="download" />
          Markdown
        </a>
        <a mat-stroked-button [href]="exportUrl('pdf')" download>
          <mat-icon svgIcon="download" />
          PDF
        </a>
      </div>
      @if (raw()) {
        <pre class="raw" data-testid="raw-events">{{ rawText() }}</pre>
      } @else if (entries().length === 0) {
        <p class="empty">The agent has not said anything yet.</p>
      } @else {
        <ol class="entries">
          @for (entry of entries(); track entry.seq) {
            @if (entry.kind === 'message') {
              <li class="message" [class.user]="entry.role === 'user'">
                <span class="who"
                  >{{ entry.role === 'user' ? 'Question' : 'Agent' }}{{ entry.partial ? ' (writing…)' : '' }}</span
                >
                @if (entry.role === 'user') {
                  <p class="question">{{ entry.text }}</p>
                } @else {
                  <to-markdown-view [markdown]="collapsedText(entry.text)" />
                }
              </li>
            } @else {
              <li class="tool">
                <mat-expansion-panel>
                  <mat-expansion-panel-header>
                    <mat-panel-title>{{ toolLabel(entry.tool) }}</mat-panel-title>
                    <mat-panel-description>
                      {{ entry.output === null ? 'working…' : entry.isError ? 'failed' : 'done' }}
                    </mat-panel-description>
                  </mat-expansion-panel-header>
                  <h3>Asked with</h3>
                  <pre>{{ json(entry.input) }}</pre>
                  <h3>Result</h3>
                  <pre [class.error]="entry.isError">{{ entry.output ?? 'No result yet.' }}</pre>
                </mat-expansion-panel>
              </li>
            }
          }
        </ol>
      }
    </section>
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
    }

    .bar h2 {
      margin: 0;
      margin-right: auto;
      font-size: 1.25rem;
    }

    .entries {
      list-style: none;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }

    .message {
      border-left: 4px solid var(--to-color-blue);
      padding: 0.25rem 0 0.25rem 0.75rem;
      max-height: 28rem;
      overflow: auto;
    }

    .message.user {
      border-left-color: var(--to-color-mid-grey);
    }

    .who {
      font-weight: 700;
    }

    .question {
      margin: 0.25rem 0;
      white-space: pre-wrap;
    }

    pre {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      max-height: 20rem;
      overflow: auto;
      background: var(--to-color-pale-grey);
      padding: 0.5rem;
    }

    pre.error {
      border-left: 4px solid var(--to-color-red);
    }

    .raw {
      max-height: 30rem;
    }

    .empty {
      color: var(--to-color-secondary-text);
    }

    h3 {
      font-size: 1rem;
      margin: 0.5rem 0 0.25rem;
    }
  `,
})
export class TranscriptComponent {
  readonly runId = input.required<string>();
  readonly events = input.required<readonly EventEnvelope[]>();
  readonly heading = input('What the agent did');
  /** Long answers are shown in full in the document; here the start is enough. */
  readonly maxMessageLength = input(6_000);

  protected readonly raw = signal(false);
  protected readonly entries = computed(() => transcriptOf(this.events()));
  protected readonly rawText = computed(() => JSON.stringify(this.events(), null, 2));

  protected exportUrl(format: 'md' | 'pdf'): string {
    return `/api/agent-runs/${encodeURIComponent(this.runId())}/transcript.${format}`;
  }

  protected toolLabel(tool: string): string {
    return TOOL_LABELS[tool] ?? tool;
  }

  protected json(value: unknown): string {
    return JSON.stringify(value ?? {}, null, 2);
  }

  protected collapsedText(text: string): string {
    const max = this.maxMessageLength();
    return text.length > max ? `${text.slice(0, max)}\n\n… (the rest is in the exports)` : text;
  }
}
