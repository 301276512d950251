import { checkInThread, type FlowChecker } from "../core/flow-checker.ts";
import type { FlowDraft } from "../core/flow-draft.ts";
import type { FlowProblem } from "../core/problems.ts";
import type { CheckRequest } from "./validation-worker.ts";

type Ask = Parameters<FlowChecker["check"]>;

/**
 * A checker that validates in a web worker, one document at a time: while one is checked,
 * only the latest document asked for waits (the ones in between are out of date anyway).
 * Where a worker can't start, it validates in this thread.
 */
export function createWorkerChecker(): FlowChecker {
  let worker: Worker;
  try {
    worker = new Worker(new URL("./validation-worker.ts", import.meta.url), { type: "module" });
  } catch {
    return checkInThread;
  }
  let busy: { id: number; done: Ask[2] } | undefined;
  let waiting: Ask | undefined;
  let ids = 0;

  const send = ([flow, options, done]: Ask) => {
    busy = { id: ++ids, done };
    worker.postMessage({ id: busy.id, flow, options } satisfies CheckRequest);
  };
  const next = () => {
    busy = undefined;
    const ask = waiting;
    waiting = undefined;
    if (ask) send(ask);
  };
  worker.onmessage = ({ data }: MessageEvent<{ id: number; problems: FlowProblem[] }>) => {
    if (data.id === busy?.id) busy.done(data.problems);
    next();
  };
  worker.onerror = (event) => {
    // A worker that fails (it could not load) leaves validation to this thread.
    event.preventDefault();
    const failed = busy;
    next();
    if (failed) console.warn(`Validation worker failed: ${event.message}`);
  };

  return {
    check(flow: FlowDraft, options, done) {
      if (busy) waiting = [flow, options, done];
      else send([flow, options, done]);
    },
    dispose: () => worker.terminate(),
  };
}
