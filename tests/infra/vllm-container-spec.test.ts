import { describe, expect, it } from "bun:test";
import {
  defaultVllmSettings,
  nvidiaVllmImage,
  type VllmSettings,
  vllmContainerSpec,
  vllmLabels,
} from "../../infra/src/index.ts";
import fixture from "./fixtures/containers-create-vllm.cli-equivalent.json";

const settings = {
  ...defaultVllmSettings("/home/ana"),
  model: "<MODEL_ID>",
  servedModelName: "<MODEL_ID>",
};
const hashOf = (changes: Partial<VllmSettings>) =>
  vllmContainerSpec({ ...settings, ...changes }).Labels[vllmLabels.settingsHash];

describe("vllmContainerSpec", () => {
  it("builds the Docker CLI's body for the start script's docker run by default", () => {
    const spec = vllmContainerSpec(settings);
    const { DeviceIDs: _null, ...gpus } = fixture.HostConfig.DeviceRequests[0] ?? {};
    expect(spec.Image).toBe(fixture.Image);
    expect(spec.ExposedPorts).toEqual(fixture.ExposedPorts);
    expect(spec.HostConfig).toEqual({
      ...fixture.HostConfig,
      Binds: ["/home/ana/.cache/huggingface:/root/.cache/huggingface"],
      DeviceRequests: [gpus],
    });
    expect(spec.Cmd.slice(0, 2)).toEqual(fixture.Cmd);
    expect(JSON.parse(spec.Labels[vllmLabels.settings] ?? "")).toEqual(settings);
  });

  it("passes every server setting and the extra arguments", () => {
    const spec = vllmContainerSpec({
      ...settings,
      servedModelName: "support-bot",
      maxModelLen: 4096,
      gpuMemoryUtilization: 0.5,
      tensorParallelSize: 2,
      extraArgs: ["--enable-prefix-caching", "--trust-remote-code"],
    });
    expect(spec.Cmd).toEqual([
      "--model",
      "<MODEL_ID>",
      "--served-model-name",
      "support-bot",
      "--max-model-len",
      "4096",
      "--gpu-memory-utilization",
      "0.5",
      "--tensor-parallel-size",
      "2",
      "--enable-prefix-caching",
      "--trust-remote-code",
    ]);
  });

  it("names the server module for NVIDIA's image, whose entrypoint is not vLLM", () => {
    const spec = vllmContainerSpec({ ...settings, image: nvidiaVllmImage });
    expect(spec.Image).toBe("nvcr.io/nvidia/vllm:25.09-py3");
    expect(spec.Cmd.slice(0, 5)).toEqual([
      "python3",
      "-m",
      "vllm.entrypoints.openai.api_server",
      "--model",
      "<MODEL_ID>",
    ]);
  });

  it("asks for a number of GPUs or for named devices as `--gpus` does", () => {
    const request = (gpus: VllmSettings["gpus"]) =>
      vllmContainerSpec({ ...settings, gpus }).HostConfig.DeviceRequests;
    expect(request({ kind: "count", count: 2 })).toEqual([
      { Driver: "", Count: 2, Capabilities: [["gpu"]], Options: {} },
    ]);
    expect(request({ kind: "devices", ids: ["0", "GPU-3a9d"] })).toEqual([
      { Driver: "", Count: 0, DeviceIDs: ["0", "GPU-3a9d"], Capabilities: [["gpu"]], Options: {} },
    ]);
  });

  it("publishes on one address when bound, and passes HF_TOKEN", () => {
    const spec = vllmContainerSpec({
      ...settings,
      hostIp: "127.0.0.1",
      hostPort: 9000,
      hfToken: "hf_x",
    });
    expect(spec.HostConfig.PortBindings).toEqual({
      "8000/tcp": [{ HostIp: "127.0.0.1", HostPort: "9000" }],
    });
    expect(spec.Env).toEqual(["HF_TOKEN=hf_x"]);
    // The token stays out of the labels, which `docker ps` and every inspect show.
    expect(JSON.parse(spec.Labels[vllmLabels.settings] ?? "").hfToken).toBe("(set)");
    expect(JSON.stringify(spec.Labels)).not.toContain("hf_x");
  });

  it("hashes the settings, so the same settings give the same label and any change another", () => {
    expect(hashOf({})).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf({})).toBe(hashOf({}));
    const changes: Partial<VllmSettings>[] = [
      { image: nvidiaVllmImage },
      { hostPort: 8081 },
      { gpus: { kind: "count", count: 1 } },
      { maxModelLen: 4096 },
      { hfToken: "hf_new" },
      { extraArgs: ["--enforce-eager"] },
    ];
    const hashes = new Set(changes.map(hashOf));
    expect(hashes.size).toBe(changes.length);
    expect(hashes.has(hashOf({}))).toBe(false);
  });
});
