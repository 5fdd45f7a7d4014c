import { HttpErrorResponse } from '@angular/common/http';
import { PendingAction } from './pending-action';

describe(PendingAction.name, () => {
  it('should be busy while the action runs, and clear an earlier error', async () => {
    const pending = new PendingAction();
    pending.error.set('Earlier problem');
    let busyDuring = false;

    await pending.run(async () => {
      busyDuring = pending.busy();
      await Promise.resolve();
    });

    expect(busyDuring).toBe(true);
    expect(pending.busy()).toBe(false);
    expect(pending.error()).toBeUndefined();
  });

  it("should say why the action failed, in the server's words or the fallback", async () => {
    const pending = new PendingAction();

    const conflict = new HttpErrorResponse({ status: 409, error: { statusCode: 409, message: 'That key is taken.' } });
    await pending.run(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- HttpClient rejects with HttpErrorResponse, not an Error
      throw conflict;
    });
    expect(pending.error()).toBe('That key is taken.');

    await pending.run(() => Promise.reject(new Error('offline')), 'We could not create the role. Try again.');
    expect(pending.error()).toBe('We could not create the role. Try again.');
    expect(pending.busy()).toBe(false);
  });
});
