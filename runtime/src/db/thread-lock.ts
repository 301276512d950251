/**
 * Runs tasks one at a time per key, in the order they arrive; tasks under different keys run
 * side by side. In-process only: it's the whole lock on SQLite, where one process owns the file,
 * and the first stage on PostgreSQL, so waiting turns don't each hold a connection.
 */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release = () => {};
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // Forget the key once nobody queues behind it, so the map doesn't grow with every thread.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
