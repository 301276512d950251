import {
  catalogSettingsLayer,
  checkDockerEngine,
  connectDocker,
  createTerminalReporter,
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
import { loadModelCatalog } from "../config/index.ts";
import type { VllmCommandOptions } from "./vllm-usage.ts";

/** What tests swap: where output goes, how often readiness is polled, where the API is asked. */
export interface VllmCommandIo {
  stdout?: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr?: NodeJS.WritableStream;
  pollMs?: number;
  /** The API's address without `/v1`; default: the published port on the Docker host. */
  baseUrl?: string;
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
