/**
 * The Docker Engine stand-in, a `/v1/models` stand-in and the real dockerode client wired
 * together for `vllm up` tests; started containers play a vLLM that loads and then serves.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  connectDocker,
  defaultVllmSettings,
  type VllmSettings,
  type VllmUpOptions,
  type VllmUpResult,
  vllmUp,
} from "../../../infra/src/index.ts";
import {
  type DockerEngine,
  type DockerEngineOptions,
  type StandInContainer,
  startDockerEngine,
} from "../../stand-ins/docker-engine.ts";
import { type ModelsServer, startModelsServer } from "./models-server.ts";
import { recordingReporter } from "./recording-reporter.ts";

export interface VllmHarness {
  engine: DockerEngine;
  models: ModelsServer;
  docker: ReturnType<typeof connectDocker>["docker"];
  settings: VllmSettings;
  reporter: ReturnType<typeof recordingReporter>;
  up(options?: Partial<VllmUpOptions>, settings?: Partial<VllmSettings>): Promise<VllmUpResult>;
  stop(): Promise<void>;
}

/** What vLLM writes while it loads, then the API lists the model. */
export function playLoadingVllm(models: ModelsServer, servedModelName: string) {
  return (container: StandInContainer) => {
    container.log("INFO 01-31 12:00:01 [api_server.py:1351] vLLM API server version 0.11.0");
    container.log(
      "INFO 01-31 12:00:09 [gpu_model_runner.py:2338] Model loading took 0.93 GiB and 6.1 seconds",
    );
    setTimeout(() => {
      container.log("INFO:     Application startup complete.");
      models.serve([servedModelName]);
    }, 30);
  };
}

export async function startVllmHarness(options: DockerEngineOptions = {}): Promise<VllmHarness> {
  const engine = startDockerEngine(options);
  const models = startModelsServer();
  const hfHome = await mkdtemp(join(tmpdir(), "switchboard-hf-"));
  const previousHost = process.env.DOCKER_HOST;
  process.env.DOCKER_HOST = `unix://${engine.socketPath}`;
  const { docker, where } = connectDocker();
  const settings = { ...defaultVllmSettings(), hfCacheDir: join(hfHome, "huggingface") };
  const reporter = recordingReporter();
  engine.onStart = playLoadingVllm(models, settings.servedModelName);
  return {
    engine,
    models,
    docker,
    settings,
    reporter,
    up: (overrides = {}, changes = {}) =>
      vllmUp(
        docker,
        { ...settings, ...changes },
        {
          force: false,
          skipGpuCheck: false,
          timeoutMs: 2000,
          pollMs: 10,
          baseUrl: models.url,
          where,
          localEngine: true,
          reporter,
          ...overrides,
        },
      ),
    async stop() {
      if (previousHost === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = previousHost;
      await Promise.all([
        engine.stop(),
        models.stop(),
        rm(hfHome, { recursive: true, force: true }),
      ]);
    },
  };
}
