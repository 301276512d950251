import { createHash } from "node:crypto";
import type Dockerode from "dockerode";
import {
  containerHfCache,
  type GpuSelection,
  nvidiaVllmImage,
  type VllmSettings,
  vllmContainerPort,
} from "./vllm-settings.ts";

/** The `POST /containers/create` body for the vLLM server, less the container's name. */
export type VllmContainerSpec = Dockerode.ContainerCreateOptions & {
  Image: string;
  Cmd: string[];
  Labels: Record<string, string>;
  HostConfig: Dockerode.HostConfig;
};

/** Labels that mark a container as this command's: a hash of its create body, and its settings. */
export const vllmLabels = {
  settingsHash: "switchboard.vllm.settings-hash",
  settings: "switchboard.vllm.settings",
} as const;

/**
 * The create body for `settings`: the start script's `docker run --gpus all -p 8080:8000
 * --ipc=host --ulimit memlock=-1 --ulimit stack=67108864 -v ~/.cache/huggingface:… --restart
 * unless-stopped`, with labels holding a hash of everything else, so a later `up` can tell
 * whether an existing container was made with the same settings, and the settings themselves
 * (the token left out), so it can say what changed.
 *
 * @example
 * const spec = vllmContainerSpec(resolveVllmSettings([]));
 * await docker.createContainer({ name: "switchboard-vllm", ...spec });
 */
export function vllmContainerSpec(settings: VllmSettings): VllmContainerSpec {
  const port = `${vllmContainerPort}/tcp`;
  const body = {
    Image: settings.image,
    Cmd: [...serverLauncher(settings.image), ...serverArgs(settings)],
    ...(settings.hfToken ? { Env: [`HF_TOKEN=${settings.hfToken}`] } : {}),
    ExposedPorts: { [port]: {} },
    HostConfig: {
      Binds: [`${settings.hfCacheDir}:${containerHfCache}`],
      PortBindings: { [port]: [{ HostIp: settings.hostIp, HostPort: String(settings.hostPort) }] },
      RestartPolicy: { Name: "unless-stopped", MaximumRetryCount: 0 },
      // vLLM shares tensors between processes through shared memory; Docker's 64 MB default is too small.
      IpcMode: "host",
      Ulimits: [
        { Name: "memlock", Soft: -1, Hard: -1 },
        { Name: "stack", Soft: 67108864, Hard: 67108864 },
      ],
      DeviceRequests: [gpuRequest(settings.gpus)],
    },
  };
  return {
    ...body,
    Labels: {
      [vllmLabels.settingsHash]: createHash("sha256").update(JSON.stringify(body)).digest("hex"),
      [vllmLabels.settings]: JSON.stringify({
        ...settings,
        hfToken: settings.hfToken ? "(set)" : undefined,
      }),
    },
  };
}

/** The official image's entrypoint is the server; NVIDIA's image needs it named, as the start script does. */
function serverLauncher(image: string): string[] {
  const repository = nvidiaVllmImage.slice(0, nvidiaVllmImage.lastIndexOf(":"));
  return image.startsWith(repository)
    ? ["python3", "-m", "vllm.entrypoints.openai.api_server"]
    : [];
}

function serverArgs(settings: VllmSettings): string[] {
  return [
    "--model",
    settings.model,
    "--served-model-name",
    settings.servedModelName,
    "--max-model-len",
    String(settings.maxModelLen),
    "--gpu-memory-utilization",
    String(settings.gpuMemoryUtilization),
    "--tensor-parallel-size",
    String(settings.tensorParallelSize),
    ...settings.extraArgs,
  ];
}

/** As the Docker CLI sends `--gpus`: no driver named, so the engine picks the one offering `gpu`. */
function gpuRequest(gpus: GpuSelection): Dockerode.DeviceRequest {
  const request = { Driver: "", Capabilities: [["gpu"]], Options: {} };
  if (gpus.kind === "all") return { ...request, Count: -1 };
  if (gpus.kind === "count") return { ...request, Count: gpus.count };
  return { ...request, Count: 0, DeviceIDs: gpus.ids };
}
