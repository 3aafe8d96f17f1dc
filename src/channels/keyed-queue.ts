/**
 * Runs tasks one at a time per key, in the order they were pushed, and different keys in parallel.
 * Channels use it so one person's messages are never handled out of order, even when the platform
 * hands several updates over at once (telegraf runs a polling batch with Promise.all).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Queues `task` behind the key's earlier tasks. The returned promise settles with the task's own
   * result; a failed task does not stop the ones queued after it. Ordering holds because the tail is
   * read and replaced synchronously, before any await.
   */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget the key once nothing is queued behind this task, so the map stays small.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves when every task queued so far has settled. */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  get size(): number {
    return this.tails.size;
  }
}
