import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { LiveEventsService, type LiveConnectionState } from './live-events.service';

const LABELS: Record<LiveConnectionState, string> = {
  idle: 'Not live',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unavailable: 'Live updates unavailable: reload the page or sign in again',
};

/**
 * A small "Live / Reconnecting…" indicator. The words carry the meaning; the dot (filled when
 * live, hollow otherwise) and its colour only back them up. Announced politely when it changes.
 */
@Component({
  selector: 'to-live-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="live-status" [attr.data-state]="state()" role="status" aria-live="polite">
      <span class="live-status__dot" aria-hidden="true"></span>
      <span class="live-status__text">{{ label() }}</span>
    </span>
  `,
  styles: `
    .live-status {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font-size: 0.875rem;
      color: var(--to-color-secondary-text);
    }
    .live-status__dot {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      border: 2px solid currentColor;
      box-sizing: border-box;
    }
    .live-status[data-state='live'] .live-status__dot {
      background: var(--to-color-green);
      border-color: var(--to-color-green);
    }
    .live-status[data-state='reconnecting'] .live-status__dot,
    .live-status[data-state='unavailable'] .live-status__dot {
      border-color: var(--to-color-red);
    }
  `,
})
export class LiveStatusComponent {
  protected readonly state = inject(LiveEventsService).state;
  protected readonly label = computed(() => LABELS[this.state()]);
}
