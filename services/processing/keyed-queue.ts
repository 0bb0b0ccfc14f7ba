/**
 * Runs tasks sharing a key one after another while tasks with different keys run concurrently.
 * The SQS batch processor handles records in parallel; two copies of one audit event in the
 * same batch must not race each other's read-then-conditional-write.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Keys with queued or running work; 0 once everything has settled. */
  get size(): number {
    return this.#tails.size;
  }
}
