import { SingleBar } from "cli-progress";
import { formatBytes } from "./format-bytes.ts";
import type { PullSummary } from "./pull-progress.ts";
import type { ReporterStream } from "./vllm-reporter.ts";

/** A progress bar over a pull's bytes, with its layer count. */
export interface PullProgressBar {
  update(summary: PullSummary): void;
  stop(): void;
}

/** Draws on a terminal; elsewhere prints a line every few seconds, so CI logs show the pull moving. */
export function startPullProgressBar(image: string, stream: ReporterStream): PullProgressBar {
  const bar = new SingleBar({
    stream,
    format: `Pulling ${image} [{bar}] {percentage}% | {done} / {size} | layers {layersDone}/{layers}`,
    hideCursor: true,
    noTTYOutput: !stream.isTTY,
    notTTYSchedule: 5000,
  });
  const payload = (summary: PullSummary) => ({
    done: formatBytes(summary.bytesDone),
    size: formatBytes(summary.bytesTotal),
    layers: summary.layers,
    layersDone: summary.layersDone,
  });
  bar.start(1, 0, payload({ layers: 0, layersDone: 0, bytesDone: 0, bytesTotal: 0 }));
  return {
    update(summary) {
      // The total grows as layers report their sizes; keep it above zero for the percentage.
      bar.setTotal(Math.max(summary.bytesTotal, 1));
      bar.update(summary.bytesDone, payload(summary));
    },
    stop: () => bar.stop(),
  };
}
