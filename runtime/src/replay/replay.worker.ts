/// <reference lib="webworker" />
import { createModelRegistry } from "@switchboard/engine";
import { describeError } from "../errors.ts";
import { replayMany } from "./replay-many.ts";
import { compileReplayTarget } from "./replay-target.ts";
import type { ReplayWorkerMessage, ReplayWorkerRequest } from "./replay-worker-protocol.ts";

declare const self: Worker;

const send = (message: ReplayWorkerMessage) => self.postMessage(message);

/**
 * A regression replay off the server's thread: compiling the version and running every turn
 * here keeps the server answering chats while a job of thousands of conversations runs.
 */
self.onmessage = async ({ data }: MessageEvent<ReplayWorkerRequest>) => {
  try {
    const models = createModelRegistry(data.catalog, { env: process.env });
    const target = await compileReplayTarget({ models, flowsDir: data.flowsDir }, data.source);
    await replayMany(target, data.conversations, {
      models: data.models,
      concurrency: data.concurrency,
      onReplayed: (replay) => send({ type: "replayed", replay }),
    });
    send({ type: "done" });
  } catch (error) {
    send({ type: "failed", message: describeError(error).message });
  }
};
