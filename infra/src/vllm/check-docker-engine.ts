import type Dockerode from "dockerode";
import { dockerMessage, dockerStatus } from "./docker-message.ts";
import { VllmError } from "./vllm-error.ts";

/** What `vllm up` learned about the engine before using it. */
export interface DockerEngineInfo {
  serverVersion: string;
  /** How the engine offers NVIDIA GPUs, or undefined when it was not checked. */
  gpuSupport?: "nvidia runtime" | "cdi devices";
}

/** `GET /info` fields read here (API 1.50 added `DiscoveredDevices`). */
interface EngineInfo {
  ServerVersion?: string;
  Runtimes?: Record<string, unknown>;
  DiscoveredDevices?: { Source?: string; ID?: string }[] | null;
}

/**
 * Pings the engine and, unless told not to, checks it can give a container NVIDIA GPUs: an
 * `nvidia` runtime (what `nvidia-ctk runtime configure` registers) or discovered CDI GPU devices.
 */
export async function checkDockerEngine(
  docker: Dockerode,
  options: { requireGpu: boolean; where: string },
): Promise<DockerEngineInfo> {
  let info: EngineInfo;
  try {
    await docker.ping();
    info = (await docker.info()) as EngineInfo;
  } catch (error) {
    throw unreachable(error, options.where);
  }
  const serverVersion = info.ServerVersion ?? "unknown version";
  if (!options.requireGpu) return { serverVersion };
  if (info.Runtimes && "nvidia" in info.Runtimes) {
    return { serverVersion, gpuSupport: "nvidia runtime" };
  }
  if (info.DiscoveredDevices?.some((device) => device.ID?.startsWith("nvidia.com/gpu"))) {
    return { serverVersion, gpuSupport: "cdi devices" };
  }
  const runtimes = Object.keys(info.Runtimes ?? {}).join(", ") || "none";
  throw new VllmError(
    "no-gpu-support",
    `The Docker engine (${serverVersion}) has no NVIDIA runtime (its runtimes: ${runtimes}), so the container cannot get a GPU.\n` +
      "Install the NVIDIA Container Toolkit, then run `sudo nvidia-ctk runtime configure --runtime=docker && sudo systemctl restart docker`.\n" +
      "If `docker run --rm --gpus all ubuntu nvidia-smi` already works on this host, run again with --skip-gpu-check.",
  );
}

function unreachable(error: unknown, where: string): VllmError {
  const code = (error as { code?: unknown }).code;
  const detail = dockerMessage(error);
  if (code === "EACCES") {
    return new VllmError(
      "engine-unreachable",
      `Permission denied on the Docker socket (${where}): add yourself to the docker group (\`sudo usermod -aG docker $USER\`, then log in again) or run as root.`,
    );
  }
  const what =
    dockerStatus(error) === undefined
      ? detail
      : `it answers, but not as a Docker engine: ${detail}`;
  return new VllmError(
    "engine-unreachable",
    `Cannot reach the Docker engine at ${where}: ${what}.\nStart Docker (\`sudo systemctl start docker\`) or point DOCKER_HOST at a running engine.`,
  );
}
