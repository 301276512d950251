/**
 * Runs at most `max` tasks at once; the rest wait, first come first served.
 *
 * @example
 * const turn = limitConcurrency(4);
 * const outcome = await turn(() => conversations.respond(message));
 */
export function limitConcurrency(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so a newcomer can't jump the queue.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
