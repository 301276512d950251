import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";

const ROOT = join(import.meta.dir, "..", "..", "..");

/** `switchboard serve` running as a process of its own, as one replica behind a load balancer. */
export interface ServeProcess {
  child: Subprocess<"ignore", "pipe", "pipe">;
  url: string;
  wsUrl: string;
  /** What it printed so far, stdout and stderr, for a failing test's message. */
  output(): string;
  /** SIGTERM, then its exit code; deletes its data directory. */
  stop(): Promise<number>;
}

/**
 * Starts `bun runtime/src/cli.ts serve --port 0` with `env` over a clean environment (nothing of
 * the test runner's leaks in), and resolves once it says where it serves.
 *
 * @param bunArgs options for bun itself, e.g. `--cpu-prof` to profile the server
 */
export async function startServeProcess(
  env: Record<string, string>,
  bunArgs: string[] = [],
): Promise<ServeProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), "switchboard-replica-"));
  const child = Bun.spawn(
    [process.execPath, ...bunArgs, "runtime/src/cli.ts", "serve", "--port", "0"],
    {
      cwd: ROOT,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        FLOWS_DIR: join(ROOT, "flows"),
        CONFIG_FILE: "",
        ...env,
      },
    },
  );
  let printed = "";
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    for (let read = await reader.read(); !read.done; read = await reader.read())
      printed += decoder.decode(read.value, { stream: true });
  };
  const drained = Promise.all([collect(child.stdout), collect(child.stderr)]);
  const deadline = Date.now() + 30_000;
  const servingOn = () => printed.match(/serving on (http:\/\/\S+)/)?.[1];
  while (!servingOn()) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`serve did not start:\n${printed}`);
    }
    await Bun.sleep(20);
  }
  const url = servingOn() as string;
  return {
    child,
    url,
    wsUrl: `${url.replace("http", "ws")}/ws/chat/completions`,
    output: () => printed,
    async stop() {
      child.kill("SIGTERM");
      const code = await child.exited;
      await drained;
      await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
