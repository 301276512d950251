import ElkApi from "elkjs/lib/elk-api.js";
import { type Layouter, LayoutSuperseded, layoutFlow } from "../core/layout.ts";

/**
 * A layouter whose ELK runs in a web worker (ELK's own), so the page keeps answering while a
 * large flow is laid out (about 2 s for 300 nodes). A new request cancels the one running (its
 * promise rejects with `LayoutSuperseded`): an auto-layout asked for while the flow's routes are
 * still being worked out does not wait behind them. Where a worker can't start, it lays out in
 * this thread.
 */
export function createWorkerLayouter(): { layout: Layouter; dispose: () => void } {
  const start = () => {
    const worker = new Worker(new URL("./elk-worker.ts", import.meta.url), { type: "module" });
    return { worker, elk: new ElkApi({ workerFactory: () => worker }) };
  };
  let current: ReturnType<typeof start>;
  try {
    current = start();
  } catch {
    return { layout: layoutFlow, dispose: () => {} };
  }
  let running: { cancel: () => void } | undefined;

  const layout: Layouter = (flow, request) => {
    if (running) {
      running.cancel();
      current.worker.terminate();
      current = start();
    }
    return new Promise((resolve, reject) => {
      const mine = { cancel: () => reject(new LayoutSuperseded()) };
      running = mine;
      const settle = () => {
        if (running === mine) running = undefined;
      };
      layoutFlow(flow, request, current.elk).then(
        (laid) => {
          settle();
          resolve(laid);
        },
        (error: unknown) => {
          settle();
          reject(error);
        },
      );
    });
  };
  return { layout, dispose: () => current.worker.terminate() };
}
