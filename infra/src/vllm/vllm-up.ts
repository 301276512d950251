import { mkdir } from "node:fs/promises";
import type Dockerode from "dockerode";
import { checkDockerEngine } from "./check-docker-engine.ts";
import { describeGpus } from "./describe-gpus.ts";
import { type ContainerOutcome, ensureVllmContainer } from "./ensure-vllm-container.ts";
import { vllmContainerSpec } from "./vllm-container-spec.ts";
import type { VllmReporter } from "./vllm-reporter.ts";
import { type VllmSettings, vllmContainerPort } from "./vllm-settings.ts";
import { waitForVllm } from "./wait-for-vllm.ts";

export interface VllmUpOptions {
  /** Replace a container of the same name made with other settings. */
  force: boolean;
  /** Skip the engine's NVIDIA check, for hosts where GPUs work without a registered runtime. */
  skipGpuCheck: boolean;
  timeoutMs: number;
  pollMs: number;
  /** The API's address without `/v1` for the readiness check, e.g. http://127.0.0.1:8080. */
  baseUrl: string;
  /** The engine's address, for messages. */
  where: string;
  /** Whether the engine runs on this machine, so the cache directory can be made here first. */
  localEngine: boolean;
  reporter: VllmReporter;
}

export interface VllmUpResult {
  outcome: ContainerOutcome;
  containerId: string;
  seconds: number;
}

const told: Record<ContainerOutcome, (name: string) => string> = {
  created: (name) => `Created and started container "${name}".`,
  replaced: (name) => `Replaced container "${name}": it was made with other settings (--force).`,
  "reused-running": (name) =>
    `Container "${name}" is already running with these settings; reusing it.`,
  "reused-started": (name) => `Container "${name}" exists with these settings; started it again.`,
};

/**
 * `switchboard vllm up`: checks the engine and its GPU support, pulls the image if missing, makes
 * the container run (reusing, replacing or creating it) and waits until the API lists the model.
 * Throws a {@link VllmError} for each failure.
 */
export async function vllmUp(
  docker: Dockerode,
  settings: VllmSettings,
  options: VllmUpOptions,
): Promise<VllmUpResult> {
  const { reporter } = options;
  const engine = await checkDockerEngine(docker, {
    requireGpu: !options.skipGpuCheck,
    where: options.where,
  });
  const gpuNote = engine.gpuSupport
    ? `, GPUs through its ${engine.gpuSupport}`
    : ", GPU check skipped";
  reporter.say(`Docker ${engine.serverVersion} at ${options.where}${gpuNote}.`);

  const spec = vllmContainerSpec(settings);
  // Docker would create a missing bind source as root; made here, the cache stays the user's.
  if (options.localEngine) await mkdir(settings.hfCacheDir, { recursive: true });
  const { container, outcome } = await ensureVllmContainer(docker, settings, spec, {
    force: options.force,
    reporter,
  });
  reporter.say(told[outcome](settings.containerName));
  reporter.say(
    `  ${settings.model} on ${settings.image}, port ${settings.hostPort} → ${vllmContainerPort}, GPUs: ${describeGpus(spec.HostConfig.DeviceRequests)}.`,
  );

  const { seconds } = await waitForVllm(container, {
    baseUrl: options.baseUrl,
    servedModelName: settings.servedModelName,
    serverArgs: settings.extraArgs,
    timeoutMs: options.timeoutMs,
    pollMs: options.pollMs,
    reporter,
  });
  reporter.say(
    `vLLM is ready after ${seconds}s: ${options.baseUrl}/v1 serves "${settings.servedModelName}".`,
  );
  reporter.say(`  Logs: switchboard vllm logs -f   Try: curl ${options.baseUrl}/v1/models`);
  return { outcome, containerId: container.id, seconds };
}
