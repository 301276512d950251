import type Dockerode from "dockerode";
import { describeGpus } from "./describe-gpus.ts";
import { findContainer } from "./ensure-vllm-container.ts";
import { probeVllmModels } from "./probe-vllm-models.ts";
import { vllmContainerPort } from "./vllm-settings.ts";

/** What `switchboard vllm status` reports. */
export interface VllmStatus {
  container: string;
  exists: boolean;
  /** Docker's state: created, running, restarting, exited, … */
  state?: string;
  exitCode?: number;
  restarts?: number;
  image?: string;
  model?: string;
  servedModelName?: string;
  hostPort?: number;
  gpus?: string;
  startedAt?: string;
  uptimeSeconds?: number;
  /** Whether the API lists the served model, and if not, why. */
  ready: boolean;
  readiness: string;
}

/** Reads the container's state from the engine and asks its API whether it serves the model. */
export async function readVllmStatus(
  docker: Dockerode,
  options: { containerName: string; baseUrlFor: (hostPort: number) => string },
): Promise<VllmStatus> {
  const container = options.containerName;
  const found = await findContainer(docker, container);
  if (!found) return { container, exists: false, ready: false, readiness: "no container" };
  const { State: state, Config: config, HostConfig: hostConfig } = found.info;
  const cmd = config.Cmd ?? [];
  const argument = (flag: string) => (cmd.includes(flag) ? cmd[cmd.indexOf(flag) + 1] : undefined);
  const model = argument("--model");
  const servedModelName = argument("--served-model-name") ?? model;
  const binding = hostConfig.PortBindings?.[`${vllmContainerPort}/tcp`]?.[0]?.HostPort;
  const hostPort = binding ? Number(binding) : undefined;
  const started = Date.parse(state.StartedAt);
  const baseUrl = hostPort ? options.baseUrlFor(hostPort) : undefined;
  return {
    container,
    exists: true,
    state: state.Status,
    ...(state.Running ? {} : { exitCode: state.ExitCode }),
    restarts: found.info.RestartCount,
    image: config.Image,
    ...(model ? { model } : {}),
    ...(servedModelName ? { servedModelName } : {}),
    ...(hostPort ? { hostPort } : {}),
    gpus: describeGpus(hostConfig.DeviceRequests),
    ...(state.Running && Number.isFinite(started)
      ? {
          startedAt: state.StartedAt,
          uptimeSeconds: Math.max(0, Math.round((Date.now() - started) / 1000)),
        }
      : {}),
    ...(state.Running
      ? await readiness(baseUrl, servedModelName, cmd)
      : { ready: false, readiness: "not running" }),
  };
}

async function readiness(
  baseUrl: string | undefined,
  servedModelName: string | undefined,
  serverArgs: string[],
): Promise<Pick<VllmStatus, "ready" | "readiness">> {
  if (!baseUrl || !servedModelName) {
    return { ready: false, readiness: "no published port or model to ask" };
  }
  const probe = await probeVllmModels(baseUrl, servedModelName, { serverArgs });
  if (probe.kind === "ready") return { ready: true, readiness: `serving at ${baseUrl}/v1` };
  if (probe.kind === "other-models") {
    return { ready: false, readiness: `API lists ${probe.ids.join(", ") || "no model"}` };
  }
  return { ready: false, readiness: `API not answering yet (${probe.reason})` };
}

/** The status as aligned `key: value` lines. */
export function formatVllmStatus(status: VllmStatus): string {
  if (!status.exists) {
    return `No container named "${status.container}". Start one with \`switchboard vllm up\`.`;
  }
  const rows: [string, string | undefined][] = [
    ["container", status.container],
    [
      "state",
      status.exitCode === undefined
        ? status.state
        : `${status.state} (exit code ${status.exitCode})`,
    ],
    ["image", status.image],
    [
      "model",
      status.servedModelName === status.model
        ? status.model
        : `${status.model} as "${status.servedModelName}"`,
    ],
    ["port", status.hostPort ? `${status.hostPort} → ${vllmContainerPort}` : "not published"],
    ["GPUs", status.gpus],
    [
      "uptime",
      status.uptimeSeconds === undefined ? undefined : formatDuration(status.uptimeSeconds),
    ],
    ["restarts", status.restarts ? String(status.restarts) : undefined],
    ["ready", `${status.ready ? "yes" : "no"}: ${status.readiness}`],
  ];
  return rows
    .filter((row): row is [string, string] => row[1] !== undefined)
    .map(([key, value]) => `${`${key}:`.padEnd(11)}${value}`)
    .join("\n");
}

function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const parts = [
    days && `${days}d`,
    hours && `${hours}h`,
    minutes && `${minutes}m`,
    `${seconds % 60}s`,
  ];
  return parts.filter(Boolean).join(" ");
}
