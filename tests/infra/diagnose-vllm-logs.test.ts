import { describe, expect, it } from "bun:test";
import { demuxDockerLogs, diagnoseVllmLogs, type VllmDiagnosis } from "../../infra/src/index.ts";

const failures: [string, VllmDiagnosis["cause"]][] = [
  ["torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB.", "out-of-gpu-memory"],
  [
    "ValueError: The model's max seq len (32768) is larger than the maximum number of tokens that can be stored in KV cache (11024).",
    "out-of-gpu-memory",
  ],
  [
    "huggingface_hub.errors.GatedRepoError: 401 Client Error. Cannot access gated repo for url https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/resolve/main/config.json.",
    "gated-model",
  ],
  [
    "huggingface_hub.errors.RepositoryNotFoundError: 404 Client Error. Repository Not Found for url: https://huggingface.co/api/models/Qwen/Qwen9-Nope.",
    "unknown-model",
  ],
  [
    "OSError: We couldn't connect to 'https://huggingface.co' to load this file, couldn't find it in the cached files.",
    "no-network",
  ],
  ["RuntimeError: No CUDA GPUs are available", "no-gpu"],
  ["api_server.py: error: unrecognized arguments: --enable-magic", "bad-argument"],
];

describe("diagnoseVllmLogs", () => {
  it.each(failures)("recognises %s", (line, cause) => {
    expect(
      diagnoseVllmLogs([
        "INFO 01-31 12:00:01 [api_server.py:1351] vLLM API server version 0.11.0",
        line,
      ])?.cause,
    ).toBe(cause);
  });

  it("names no cause it cannot see", () => {
    expect(
      diagnoseVllmLogs(["INFO: Started server process [1]", "Segmentation fault"]),
    ).toBeUndefined();
  });
});

describe("demuxDockerLogs", () => {
  const frame = (stream: number, text: string) => {
    const header = Buffer.alloc(8);
    header[0] = stream;
    header.writeUInt32BE(Buffer.byteLength(text), 4);
    return Buffer.concat([header, Buffer.from(text)]);
  };

  it("joins stdout and stderr frames in the order written", () => {
    const body = Buffer.concat([
      frame(2, "INFO loading\n"),
      frame(1, "ready\n"),
      frame(2, "ünïcode\n"),
    ]);
    expect(demuxDockerLogs(body)).toBe("INFO loading\nready\nünïcode\n");
  });

  it("passes a TTY container's raw output through", () => {
    expect(demuxDockerLogs(Buffer.from("INFO plain text output from a TTY\n"))).toBe(
      "INFO plain text output from a TTY\n",
    );
  });
});
