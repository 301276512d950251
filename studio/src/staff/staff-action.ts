/**
 * Runs a staff action, then reloads what the screen shows; a failure's sentence goes to
 * `setError` instead.
 */
export function staffAction(reload: () => Promise<unknown>, setError: (message?: string) => void) {
  return async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      await reload();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
}
