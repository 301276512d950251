import { useCallback, useEffect, useState } from "react";
import { staffAction } from "./staff-action.ts";

/**
 * A staff screen's list: loaded on mount, reloaded after each action `run` takes (or by
 * `reload`); a failure's sentence in `error`. `load` must keep its identity between renders (a staff API method).
 */
export function useStaffList<T>(load: () => Promise<T[]>) {
  const [items, setItems] = useState<T[]>([]);
  const [error, setError] = useState<string>();
  const reload = useCallback(
    () => load().then(setItems, (failure: Error) => setError(failure.message)),
    [load],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, error, setError, reload, run: staffAction(reload, setError) };
}
