/// <reference lib="webworker" />
/**
 * ELK's layout engine as a web worker: loaded in a worker, ELK's script answers the messages
 * of an `elk-api` instance on the page (see `worker-layouter.ts`).
 */
import "elkjs/lib/elk-worker.min.js";
