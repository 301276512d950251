import { ConfigError, loadServerConfig } from "../config/index.ts";
import { startServer } from "../server.ts";

/**
 * `switchboard serve [--port n]`: the runtime server, until SIGINT or SIGTERM, which shut it
 * down gracefully. A bad setting stops it at once with one sentence naming the setting.
 */
export async function serveCommand(options: { port?: number | string }): Promise<number> {
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    const port = options.port === undefined ? undefined : Number(options.port);
    if (port !== undefined && !Number.isInteger(port))
      throw new ConfigError(`The setting --port must be a whole number, got "${options.port}".`);
    server = await startServer(await loadServerConfig(process.env, { port }));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`switchboard: ${error.message}`);
    return 1;
  }
  console.log(
    `Switchboard is serving on ${server.url} — web chat at /, API docs at /docs, WebSocket at /ws/chat/completions`,
  );
  const signal = await new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  console.log(`${signal}: finishing running turns, then stopping…`);
  await server.stop();
  return 0;
}
