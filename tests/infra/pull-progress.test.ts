import { describe, expect, it } from "bun:test";
import { PullProgress } from "../../infra/src/index.ts";

describe("PullProgress", () => {
  it("counts layers and bytes from the pull progress stream", () => {
    const progress = new PullProgress();
    const events = [
      { status: "Pulling from vllm/vllm-openai", id: "latest" },
      { status: "Already exists", progressDetail: {}, id: "aaa" },
      { status: "Pulling fs layer", progressDetail: {}, id: "bbb" },
      { status: "Pulling fs layer", progressDetail: {}, id: "ccc" },
      { status: "Waiting", progressDetail: {}, id: "ccc" },
      { status: "Downloading", progressDetail: { current: 49152, total: 4335400 }, id: "bbb" },
    ];
    for (const event of events) progress.update(event);
    expect(progress.summary).toEqual({
      layers: 3,
      layersDone: 1,
      bytesDone: 49152,
      bytesTotal: 4335400,
    });

    progress.update({
      status: "Downloading",
      progressDetail: { current: 1_000_000, total: 2_000_000 },
      id: "ccc",
    });
    progress.update({ status: "Download complete", progressDetail: {}, id: "bbb" });
    progress.update({
      status: "Extracting",
      progressDetail: { current: 32768, total: 4335400 },
      id: "bbb",
    });
    expect(progress.summary).toEqual({
      layers: 3,
      layersDone: 1,
      bytesDone: 5_335_400,
      bytesTotal: 6_335_400,
    });

    progress.update({ status: "Pull complete", progressDetail: {}, id: "bbb" });
    progress.update({ status: "Verifying Checksum", progressDetail: {}, id: "ccc" });
    progress.update({ status: "Pull complete", progressDetail: {}, id: "ccc" });
    progress.update({ status: "Digest: sha256:0123" });
    progress.update({ status: "Status: Downloaded newer image for vllm/vllm-openai:latest" });
    expect(progress.summary).toEqual({
      layers: 3,
      layersDone: 3,
      bytesDone: 6_335_400,
      bytesTotal: 6_335_400,
    });
  });
});
