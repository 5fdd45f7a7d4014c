import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import type { EventEnvelope } from '@trustops/contracts';
import { describeRunEvent, showsOnTimeline, type StepTitles } from './run-text';

/**
 * What happened in a run, oldest first, one plain-English sentence per event; the raw events as
 * JSON are one switch away. New entries are announced to screen readers as they arrive.
 */
@Component({
  selector: 'to-run-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatIconModule, MatSlideToggleModule],
  template: `
    <div class="toolbar">
      <mat-slide-toggle [checked]="showRaw()" (change)="showRaw.set($event.checked)">Show raw events</mat-slide-toggle>
    </div>
    @if (showRaw()) {
      <pre class="raw" tabindex="0" aria-label="Raw events as JSON">{{ rawJson() }}</pre>
    } @else if (entries().length === 0) {
      <p class="empty">Nothing has happened yet.</p>
    } @else {
      <ol class="timeline">
        @for (entry of entries(); track entry.seq) {
          <li [attr.data-tone]="entry.tone" [attr.data-seq]="entry.seq">
            <mat-icon class="marker" [svgIcon]="entry.icon" aria-hidden="true" />
            <div class="body">
              <span class="text">{{ entry.text }}</span>
              @if (entry.detail) {
                <span class="detail">{{ entry.detail }}</span>
              }
              <time [attr.datetime]="entry.at">{{ entry.at | date: 'd MMM, HH:mm:ss' }}</time>
            </div>
          </li>
        }
      </ol>
    }
    <p class="visually-hidden" aria-live="polite">{{ latest() }}</p>
  `,
  styles: `
    :host {
      display: block;
    }

    .toolbar {
      display: flex;
      justify-content: flex-end;
      margin-bottom: 0.5rem;
    }

    .timeline {
      position: relative;
      padding: 0;
      margin: 0;
      list-style: none;
    }

    li {
      position: relative;
      display: flex;
      gap: 0.75rem;
      padding: 0 0 1rem;
    }

    // The line that joins the markers, behind them.
    li:not(:last-child)::before {
      position: absolute;
      top: 1.75rem;
      bottom: 0;
      left: 0.9rem;
      width: 2px;
      background: var(--to-color-border);
      content: '';
    }

    .marker {
      flex: none;
      box-sizing: border-box;
      width: 1.875rem;
      height: 1.875rem;
      padding: 0.25rem;
      border: 2px solid var(--to-color-mid-grey);
      border-radius: 50%;
      background: var(--to-color-white);
      color: var(--to-color-secondary-text);
    }

    li[data-tone='success'] .marker {
      border-color: var(--to-color-green);
      color: var(--to-color-green);
    }

    li[data-tone='failure'] .marker {
      border-color: var(--to-color-red);
      color: var(--to-color-red);
    }

    li[data-tone='active'] .marker {
      border-color: var(--to-color-blue);
      color: var(--to-color-blue);
    }

    li[data-tone='waiting'] .marker {
      border-color: #8a5a00;
      background: #fff4d6;
      color: #8a5a00;
    }

    .body {
      display: flex;
      flex-direction: column;
      min-width: 0;
      padding-top: 0.2rem;
    }

    .text {
      font-weight: 700;
      overflow-wrap: anywhere;
    }

    .detail {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }

    time {
      color: var(--to-color-secondary-text);
      font-size: 0.875rem;
    }

    .raw {
      max-height: 32rem;
      padding: 1rem;
      margin: 0;
      overflow: auto;
      border: 1px solid var(--to-color-border);
      border-radius: 4px;
      background: var(--to-color-page);
      font-size: 0.8125rem;
    }

    .empty {
      color: var(--to-color-secondary-text);
    }
  `,
})
export class RunTimelineComponent {
  readonly events = input.required<readonly EventEnvelope[]>();
  readonly stepTitles = input<StepTitles>({});

  protected readonly showRaw = signal(false);
  protected readonly entries = computed(() =>
    this.events()
      .filter(showsOnTimeline)
      .map((event) => describeRunEvent(event, this.stepTitles())),
  );
  protected readonly rawJson = computed(() => JSON.stringify(this.events(), null, 2));
  protected readonly latest = computed(() => this.entries().at(-1)?.text ?? '');
}
