/**
 * A value with listeners, for panel state that must outlive the panel (the side panel shows
 * one tab at a time, so a tab's component unmounts when another is picked).
 *
 * @example
 * const filter = createStore({ channel: "" });
 * filter.set({ channel: "web" });
 */
export function createStore<T>(initial: T) {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => value,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    set(next: T | ((current: T) => T)) {
      const resolved = typeof next === "function" ? (next as (current: T) => T)(value) : next;
      if (Object.is(resolved, value)) return;
      value = resolved;
      for (const listener of listeners) listener();
    },
  };
}

export type Store<T> = ReturnType<typeof createStore<T>>;

/** Anything `useStore` can read: a store, a controller, the test bench. */
export interface Readable<T> {
  getState(): T;
  subscribe(listener: () => void): () => void;
}
