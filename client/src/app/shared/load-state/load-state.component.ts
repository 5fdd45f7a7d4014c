import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { describeHttpError } from '../../core/http-error';

/** What the loading indicator and the retry need of an `httpResource`. */
export interface LoadableResource {
  isLoading(): boolean;
  error(): unknown;
  reload(): boolean;
}

/**
 * A page's data while it is not there to show: a progress bar while it loads, and if it failed,
 * why (in plain English) with a way to try again. Anything projected follows the reason, e.g.
 * what the page shows instead. The page itself shows the data once the resource has a value.
 */
@Component({
  selector: 'to-load-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule],
  template: `
    @if (resource().isLoading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="loadingLabel()" />
    }
    @if (problem(); as problem) {
      <div class="form-error load-failed" role="alert">
        <span>{{ problem }} <ng-content /></span>
        <button mat-stroked-button type="button" (click)="resource().reload()">
          <mat-icon svgIcon="retry" />
          Try again
        </button>
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }

    .load-failed {
      align-items: center;
      justify-content: space-between;
      margin-bottom: 1rem;
    }
  `,
})
export class LoadStateComponent {
  readonly resource = input.required<LoadableResource>();
  /** Read out while loading, e.g. "Loading people". */
  readonly loadingLabel = input.required<string>();
  /** Said when the server gave no reason of its own, e.g. "We could not load the people in this organisation." */
  readonly failureMessage = input.required<string>();

  protected readonly problem = computed(() => {
    const error = this.resource().error();
    return error ? describeHttpError(error, this.failureMessage()) : undefined;
  });
}
