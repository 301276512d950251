/**
 * Where trained intent models are kept, keyed by the hash of what they were trained on (see
 * `intentModelKey`), so that a restart or another process retrains nothing. The runtime backs it
 * with its database; the engine ships an in-memory and a file-system store.
 */
export interface ClassifierStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, bytes: Uint8Array): Promise<void>;
}

/** Keeps models for the life of the process. */
export class MemoryClassifierStore implements ClassifierStore {
  readonly #models = new Map<string, Uint8Array>();

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.#models.get(key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    this.#models.set(key, bytes);
  }
}
