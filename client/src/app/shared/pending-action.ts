import { signal } from '@angular/core';
import { describeHttpError } from '../core/http-error';

/**
 * A dialog's one action while it runs: `busy` (its buttons wait) and, when it fails, `error` in
 * plain English, so the dialog stays open and says why where the person is looking.
 */
export class PendingAction {
  readonly busy = signal(false);
  readonly error = signal<string | undefined>(undefined);

  /** Runs `action` (which closes the dialog when it succeeds); `fallback` is said when the server gives no reason. */
  async run(action: () => Promise<void>, fallback?: string): Promise<void> {
    this.busy.set(true);
    this.error.set(undefined);
    try {
      await action();
    } catch (error) {
      this.error.set(describeHttpError(error, fallback));
    } finally {
      this.busy.set(false);
    }
  }
}
