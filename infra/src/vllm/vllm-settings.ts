import { homedir } from "node:os";
import { join } from "node:path";

/** The official vLLM image: its entrypoint is the OpenAI-compatible server. */
const officialVllmImage = "vllm/vllm-openai:latest";

/** NVIDIA's vLLM build from the original start script: a plain Python image. */
export const nvidiaVllmImage = "nvcr.io/nvidia/vllm:25.09-py3";

/** Short names `--image` and `VLLM_IMAGE` accept besides a full image reference. */
export const vllmImageAliases: Record<string, string> = {
  official: officialVllmImage,
  nvidia: nvidiaVllmImage,
};

/** The port vLLM listens on inside the container. */
export const vllmContainerPort = 8000;

/** Where the images keep the Hugging Face cache. */
export const containerHfCache = "/root/.cache/huggingface";

/** Which GPUs the container gets: all of them, a number of them, or named devices. */
export type GpuSelection =
  | { kind: "all" }
  | { kind: "count"; count: number }
  | { kind: "devices"; ids: string[] };

/** Everything `switchboard vllm up` decides about the container, resolved and validated. */
export interface VllmSettings {
  containerName: string;
  image: string;
  /** The Hugging Face model id (or path inside the container) vLLM loads. */
  model: string;
  /** The name clients send as `model`; the readiness check waits for it in `/v1/models`. */
  servedModelName: string;
  hostPort: number;
  /** The host address the port is published on; empty for every interface, as `docker run -p`. */
  hostIp: string;
  gpus: GpuSelection;
  maxModelLen: number;
  gpuMemoryUtilization: number;
  tensorParallelSize: number;
  /** The host's Hugging Face cache, mounted so weights are downloaded once. */
  hfCacheDir: string;
  hfToken?: string;
  /** Further vLLM server arguments, passed as they are. */
  extraArgs: string[];
}

/** The defaults: the start script's server, on the official image. */
export function defaultVllmSettings(home = homedir()): VllmSettings {
  return {
    containerName: "switchboard-vllm",
    image: officialVllmImage,
    model: "Qwen/Qwen2.5-0.5B-Instruct",
    servedModelName: "Qwen/Qwen2.5-0.5B-Instruct",
    hostPort: 8080,
    hostIp: "",
    gpus: { kind: "all" },
    maxModelLen: 8192,
    gpuMemoryUtilization: 0.9,
    tensorParallelSize: 1,
    hfCacheDir: join(home, ".cache", "huggingface"),
    extraArgs: [],
  };
}
