import { createHash } from "node:crypto";
import type { ModelRegistry } from "@switchboard/engine";
import { compileReplayTarget, type ReplaySource, type ReplayTarget } from "./replay-target.ts";

const KEPT = 4;

/**
 * The latest compiled replay targets, by flow and definition: replaying one conversation after
 * another against the same draft compiles it once. A draft edited since compiles anew.
 */
export function createReplayTargetCache(options: { models: ModelRegistry; flowsDir: string }) {
  const compiled = new Map<string, Promise<ReplayTarget>>();
  return {
    get(source: ReplaySource): Promise<ReplayTarget> {
      const hash = createHash("sha256").update(JSON.stringify(source.definition)).digest("hex");
      const key = `${source.flowId}@${source.version ?? "draft"}:${hash}`;
      let target = compiled.get(key);
      if (target) compiled.delete(key);
      else {
        target = compileReplayTarget(options, source);
        target.catch(() => compiled.delete(key));
      }
      // Map order is insertion order: the first key is the least recently used.
      compiled.set(key, target);
      for (const old of [...compiled.keys()].slice(0, Math.max(0, compiled.size - KEPT)))
        compiled.delete(old);
      return target;
    },
  };
}
