import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { DocumentState } from '@trustops/contracts';
import { LIFECYCLE_STAGES } from './documents-api';

/** Draft → Review → Approve → Implement → Verify as a row of stages, the current one marked. */
@Component({
  selector: 'to-document-lifecycle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule],
  template: `
    <ol class="stages" aria-label="Where the document is in its review">
      @for (stage of stages(); track stage.label; let last = $last) {
        <li
          [class.reached]="stage.reached"
          [class.current]="stage.current"
          [attr.aria-current]="stage.current ? 'step' : null"
        >
          <span class="dot" aria-hidden="true">
            @if (stage.reached && !stage.current) {
              <mat-icon svgIcon="check" />
            } @else {
              {{ $index + 1 }}
            }
          </span>
          <span class="label">{{ stage.label }}</span>
          @if (stage.current) {
            <span class="now">{{ stage.waiting ? 'waiting for a decision' : 'now' }}</span>
          }
          @if (!last) {
            <span class="line" [class.done]="stage.nextReached" aria-hidden="true"></span>
          }
        </li>
      }
    </ol>
  `,
  styles: `
    .stages {
      list-style: none;
      display: flex;
      padding: 0;
      margin: 1rem 0;
      gap: 0;
    }

    li {
      position: relative;
      flex: 1;
      display: flex;
      flex-direction: column;
      align-items: center;
      text-align: center;
      min-width: 5rem;
    }

    .dot {
      z-index: 1;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      width: 2.25rem;
      height: 2.25rem;
      border-radius: 50%;
      border: 2px solid var(--to-color-mid-grey);
      background: var(--to-color-white);
      font-weight: 700;
    }

    .reached .dot {
      background: var(--to-color-green);
      border-color: var(--to-color-green);
      color: var(--to-color-white);
    }

    .current .dot {
      background: var(--to-color-blue);
      border-color: var(--to-color-dark-blue);
      color: var(--to-color-white);
      box-shadow: 0 0 0 4px var(--to-color-focus);
    }

    .label {
      margin-top: 0.375rem;
      font-weight: 700;
    }

    .now {
      font-size: 0.8125rem;
      color: var(--to-color-secondary-text);
    }

    .line {
      position: absolute;
      top: 1.125rem;
      left: calc(50% + 1.125rem);
      width: calc(100% - 2.25rem);
      height: 2px;
      background: var(--to-color-mid-grey);
    }

    .line.done {
      background: var(--to-color-green);
    }
  `,
})
export class DocumentLifecycleComponent {
  readonly state = input.required<DocumentState>();

  protected readonly stages = computed(() => {
    const state = this.state();
    const reached = LIFECYCLE_STAGES.map((stage) => stage.reachedBy.includes(state));
    const currentIndex = reached.lastIndexOf(true);
    // In review (or verification) the next stage is what it waits for.
    const waiting = state === 'review' || state === 'verification';
    return LIFECYCLE_STAGES.map((stage, index) => ({
      label: stage.label,
      reached: reached[index] === true,
      current: index === currentIndex,
      waiting: waiting && index === currentIndex,
      nextReached: reached[index + 1] === true,
    }));
  });
}
