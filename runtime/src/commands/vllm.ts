import {
  catalogSettingsLayer,
  checkDockerEngine,
  connectDocker,
  createTerminalReporter,
  describeVllmExitCodes,
  envSettingsLayer,
  flagSettingsLayer,
  formatVllmStatus,
  readVllmStatus,
  resolveVllmSettings,
  VllmError,
  type VllmReporter,
  type VllmSettingsLayer,
  vllmDown,
  vllmExitCodes,
  vllmLogs,
  vllmUp,
} from "@switchboard/infra";
import type { CAC, Command } from "cac";
import { loadModelCatalog } from "../config/model-catalog.ts";

/** The options cac parses for `switchboard vllm`, keyed as it keys them. */
export interface VllmCommandOptions {
  [flag: string]: unknown;
  "--"?: string[];
  force?: boolean;
  skipGpuCheck?: boolean;
  timeout?: number | string;
  follow?: boolean;
  tail?: number | string;
  json?: boolean;
}

/** What tests swap: where output goes, how often readiness is polled, where the API is asked. */
export interface VllmCommandIo {
  stdout?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr?: NodeJS.WritableStream;
  pollMs?: number;
  /** The API's address without `/v1`; default: the published port on the Docker host. */
  baseUrl?: string;
}

/** Adds `vllm <action>` with its flags, examples and exit codes to the CLI; the caller adds the action. */
export function defineVllmCommand(cli: CAC): Command {
  return (
    cli
      .command("vllm <action>", "Run vLLM in Docker: up, down, status or logs")
      .usage("vllm <up|down|status|logs> [options] [-- extra vLLM server arguments]")
      .option(
        "--model <id>",
        "Hugging Face model to serve (env VLLM_MODEL; default Qwen/Qwen2.5-0.5B-Instruct)",
      )
      .option("--served-model-name <name>", "Name clients ask for (default: the model)")
      .option(
        "--image <image>",
        'Image, or "official" (vllm/vllm-openai:latest) or "nvidia" (env VLLM_IMAGE)',
      )
      .option("--port <port>", "Host port for the API (env VLLM_PORT; default 8080)")
      .option("--bind <ip>", "Host address to publish the port on (default: every interface)")
      .option("--gpus <gpus>", 'GPUs: "all", a count, or device=0,1 (default all)')
      .option("--max-model-len <tokens>", "Context length (default 8192)")
      .option("--gpu-memory-utilization <share>", "Share of GPU memory vLLM may use (default 0.9)")
      .option("--tensor-parallel-size <n>", "GPUs to split the model over (default 1)")
      .option(
        "--hf-cache <dir>",
        "Host Hugging Face cache to mount (env HF_HOME; default ~/.cache/huggingface)",
      )
      .option("--name <container>", "Container name (default switchboard-vllm)")
      .option("--force", "up: replace a container of that name made with other settings")
      .option("--skip-gpu-check", "up: do not require an NVIDIA runtime in `docker info`")
      .option("--timeout <seconds>", "up: how long to wait for the API (default 600)")
      .option("-f, --follow", "logs: keep printing new lines")
      .option("--tail <lines>", "logs: lines to show from the end (default 100)")
      .option("--json", "status: print the status as JSON")
      .example("switchboard vllm up")
      .example("switchboard vllm up --model Qwen/Qwen2.5-1.5B-Instruct --port 8081 --force")
      .example("switchboard vllm up --image nvidia --gpus device=0 -- --enable-prefix-caching")
      .example("switchboard vllm status && switchboard vllm logs -f")
      // cac has no help section of a command's own; an example can print one.
      .example(
        () =>
          `\nEnvironment: VLLM_IMAGE, VLLM_MODEL, VLLM_PORT, HF_TOKEN (passed to the container), HF_HOME, DOCKER_HOST.\nFlags override the environment, which overrides the model catalog's first "vllm" entry.\n\nExit codes:\n${describeVllmExitCodes()}`,
      )
  );
}

/** What every action gets: the output streams, the container's name and the test seams. */
interface ActionContext {
  stdout: NonNullable<VllmCommandIo["stdout"]>;
  stderr: NodeJS.WritableStream;
  reporter: VllmReporter;
  containerName: string;
  io: VllmCommandIo;
}

type Action = (options: VllmCommandOptions, context: ActionContext) => Promise<number>;

const actions: Record<string, Action> = {
  async up(options, { reporter, io }) {
    const catalog = await catalogLayer(reporter.say);
    const settings = resolveVllmSettings([
      ...catalog,
      envSettingsLayer(process.env),
      flagSettingsLayer(options),
    ]);
    const connection = connectDocker();
    const bound = settings.hostIp !== "" && !["0.0.0.0", "::"].includes(settings.hostIp);
    await vllmUp(connection.docker, settings, {
      force: options.force === true,
      skipGpuCheck: options.skipGpuCheck === true,
      timeoutMs: positive(options.timeout, "--timeout", 600) * 1000,
      pollMs: io.pollMs ?? 2000,
      baseUrl:
        io.baseUrl ?? apiUrl(bound ? settings.hostIp : connection.portHost, settings.hostPort),
      where: connection.where,
      localEngine: !process.env.DOCKER_HOST || process.env.DOCKER_HOST.startsWith("unix://"),
      reporter,
    });
    return 0;
  },
  async down(_options, { reporter, containerName }) {
    await vllmDown(await engine(), { containerName, reporter });
    return 0;
  },
  async status(options, { stdout, containerName, io }) {
    const { portHost } = connectDocker();
    const status = await readVllmStatus(await engine(), {
      containerName,
      baseUrlFor: (port) => io.baseUrl ?? apiUrl(portHost, port),
    });
    stdout.write(`${options.json ? JSON.stringify(status, null, 2) : formatVllmStatus(status)}\n`);
    if (!status.exists) return vllmExitCodes["no-container"];
    return status.ready ? 0 : vllmExitCodes["not-ready"];
  },
  async logs(options, { stdout, stderr, containerName }) {
    const tail = positive(options.tail, "--tail", 100);
    await vllmLogs(await engine(), {
      containerName,
      follow: options.follow === true,
      tail,
      stdout,
      stderr,
    });
    return 0;
  },
};

/** `switchboard vllm <up|down|status|logs>`: the exit code of the action. */
export async function vllmCommand(
  action: string,
  options: VllmCommandOptions,
  io: VllmCommandIo = {},
): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  try {
    const run = Object.hasOwn(actions, action) ? actions[action] : undefined;
    if (!run) {
      throw new VllmError(
        "invalid-settings",
        `Unknown action "${action}": use up, down, status or logs.`,
      );
    }
    const containerName = resolveVllmSettings([
      flagSettingsLayer({ name: options.name }),
    ]).containerName;
    return await run(options, {
      stdout,
      stderr,
      reporter: createTerminalReporter(stdout),
      containerName,
      io,
    });
  } catch (error) {
    if (!(error instanceof VllmError)) throw error;
    stderr.write(`switchboard vllm ${action}: ${error.message}\n`);
    return error.exitCode;
  }
}

/** The engine, checked to answer, for the actions that need no GPU. */
async function engine() {
  const { docker, where } = connectDocker();
  await checkDockerEngine(docker, { requireGpu: false, where });
  return docker;
}

function apiUrl(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** The catalog's layer when it has a `vllm` entry; a catalog that cannot be read is reported and skipped. */
async function catalogLayer(say: (line: string) => void): Promise<VllmSettingsLayer[]> {
  try {
    const layer = catalogSettingsLayer(await loadModelCatalog());
    return layer ? [layer] : [];
  } catch (error) {
    say(`Ignoring the model catalog: ${(error as Error).message}`);
    return [];
  }
}

function positive(value: unknown, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new VllmError("invalid-settings", `${flag} is "${value}"; it takes a number above 0.`);
  }
  return number;
}
