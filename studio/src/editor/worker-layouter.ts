import ElkApi from "elkjs/lib/elk-api.js";
import { type Layouter, layoutFlow } from "../core/layout.ts";

/**
 * A layouter whose ELK runs in a web worker (ELK's own), so the page keeps answering while a
 * large flow is laid out (about 2 s for 300 nodes). Where a worker can't start, it lays out in
 * this thread.
 */
export function createWorkerLayouter(): { layout: Layouter; dispose: () => void } {
  let worker: Worker;
  try {
    worker = new Worker(new URL("./elk-worker.ts", import.meta.url), { type: "module" });
  } catch {
    return { layout: layoutFlow, dispose: () => {} };
  }
  const elk = new ElkApi({ workerFactory: () => worker });
  return {
    layout: (flow, request) => layoutFlow(flow, request, elk),
    dispose: () => worker.terminate(),
  };
}
