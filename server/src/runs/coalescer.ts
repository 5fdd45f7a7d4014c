/**
 * Group commit: items submitted while `lanes` batches are in flight wait for one of them to end
 * and then go together, as one call of `work`, instead of queueing up for a round trip each. A
 * lone item goes at once (after the current tick, so items submitted in the same tick share a
 * batch). This is what lets concurrent steps share their reads and their commits: a round trip
 * wakes a sleeping backend, and a durable commit waits for the disk (about 5 ms here), so a few
 * batches in flight at once — PostgreSQL flushes their commits together — beat one at a time.
 */
export class Coalescer<T, R> {
  private readonly queue: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private inFlight = 0;

  /**
   * `work` gets the items in the order submitted and answers each, in the same order; when it
   * throws, every item of the batch is rejected with the error.
   */
  constructor(
    private readonly work: (items: T[]) => Promise<R[]>,
    private readonly limits: { maxBatch: number; lanes: number },
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.inFlight >= this.limits.lanes) return;
      this.inFlight++;
      queueMicrotask(() => void this.drain());
    });
  }

  /** One lane: batches until the queue is empty. */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.limits.maxBatch);
        try {
          const results = await this.work(batch.map((entry) => entry.item));
          batch.forEach((entry, index) => entry.resolve(results[index]));
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      this.inFlight--;
    }
  }
}

/**
 * `together` on the whole batch; if that fails, on each item alone, one after another, so that
 * an item's problem is answered (as an Error, not thrown) to that item only. A Coalescer's `work`
 * for batches of independent items (step results, new runs).
 */
export async function togetherElseAlone<T, R>(
  items: readonly T[],
  together: (items: readonly T[]) => Promise<R[]>,
): Promise<Array<R | Error>> {
  try {
    return await together(items);
  } catch (error) {
    if (items.length === 1) return [asError(error)];
  }
  const answers: Array<R | Error> = [];
  for (const item of items) {
    try {
      answers.push(...(await together([item])));
    } catch (error) {
      answers.push(asError(error));
    }
  }
  return answers;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
