/** Admits turns one at a time into a bounded, load-aware pool. */
export interface TurnGate {
  /** Runs `task` once admitted; tasks are admitted in the order they asked. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Stops sampling the event loop. */
  close(): void;
}

export interface TurnGateOptions {
  /** The most turns running at once. */
  max: number;
  /** No turn is added while the event loop runs later than this (one always may run). */
  maxLagMs?: number;
  /** How often the loop's lateness is sampled. */
  sampleMs?: number;
}

/**
 * Admits turns while this process's one thread keeps up: at most `max` at once, and none more
 * while the event loop runs late. Turns that mostly wait on a model run many at once; turns that
 * keep the thread busy (local models, storage) queue in the inbox instead of delaying the
 * webhook's acknowledgements, which share the thread.
 *
 * @example
 * const gate = createTurnGate({ max: 8 });
 * const outcome = await gate.run(() => conversations.respond(message));
 */
export function createTurnGate({ max, maxLagMs = 5, sampleMs = 10 }: TurnGateOptions): TurnGate {
  let running = 0;
  let lagMs = 0;
  const waiting: (() => void)[] = [];
  let expected = performance.now() + sampleMs;

  const admit = () => {
    while (waiting.length > 0 && running < max && (running === 0 || lagMs <= maxLagMs)) {
      running += 1;
      waiting.shift()?.();
    }
  };
  const sampler = setInterval(() => {
    const now = performance.now();
    lagMs = Math.max(0, now - expected);
    expected = now + sampleMs;
    admit();
  }, sampleMs);
  // Sampling alone must not keep the process alive.
  sampler.unref();

  return {
    async run(task) {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        admit();
      });
      try {
        return await task();
      } finally {
        running -= 1;
        admit();
      }
    },
    close: () => clearInterval(sampler),
  };
}
