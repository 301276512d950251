/**
 * Turns work that reports through a callback into an async iterator of what it reports, ending
 * with what it returns (or throws). Leaving the loop early aborts the work through `signal`:
 * a client that hangs up stops the turn it started.
 *
 * @example
 * for await (const item of callbackStream((emit, signal) => runTurn(graph, id, input, { onEvent: emit, signal }))) …
 */
export async function* callbackStream<Event, Result>(
  work: (emit: (event: Event) => void, signal: AbortSignal) => Promise<Result>,
): AsyncGenerator<{ event: Event } | { result: Result }, void> {
  const queue: ({ event: Event } | { result: Result } | { error: unknown })[] = [];
  let wake: (() => void) | undefined;
  const push = (item: (typeof queue)[number]) => {
    queue.push(item);
    wake?.();
  };
  const controller = new AbortController();
  work((event) => push({ event }), controller.signal).then(
    (result) => push({ result }),
    (error: unknown) => push({ error }),
  );
  try {
    for (;;) {
      const item = queue.shift();
      if (!item) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      if ("error" in item) throw item.error;
      yield item;
      if ("result" in item) return;
    }
  } finally {
    controller.abort();
  }
}
