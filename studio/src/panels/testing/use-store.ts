import { useSyncExternalStore } from "react";
import type { Readable } from "../../runs/store.ts";

/** A store's value, re-rendering the component when it changes. */
export function useStore<T>(store: Readable<T>): T {
  return useSyncExternalStore(store.subscribe, store.getState);
}
