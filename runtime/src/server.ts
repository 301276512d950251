import type { Server } from "bun";
import { createApp } from "./app.ts";
import type { ServerConfig } from "./config/server-config.ts";
import { scheduleCheckpointRetention } from "./conversations/checkpoint-retention.ts";
import { pruneCheckpoints } from "./conversations/prune-checkpoints.ts";
import { type CreateServicesOptions, createServices, type Services } from "./services.ts";

/** A running server. */
export interface RunningServer {
  services: Services;
  /** The port it listens on (the one chosen when the config said 0). */
  port: number;
  url: string;
  /**
   * Graceful shutdown: stops accepting connections, lets running turns finish (up to
   * `shutdownTimeoutMs`), closes the sockets with a close frame, then the database.
   */
  stop(): Promise<void>;
}

/**
 * Builds the services and serves the app.
 *
 * @example
 * const server = await startServer(await loadServerConfig(process.env, { port: 0 }));
 * await fetch(`${server.url}/health`);
 * await server.stop();
 */
export async function startServer(
  config: ServerConfig,
  options: CreateServicesOptions = {},
): Promise<RunningServer> {
  const services = await createServices(config, options);
  const app = createApp(services);
  try {
    app.listen({
      port: config.port,
      hostname: config.host,
      maxRequestBodySize: config.maxBodyBytes,
      // A chat message is small; a frame this large is refused with close code 1009.
      websocket: { maxPayloadLength: 64 * 1024, idleTimeout: 120 },
    });
  } catch (error) {
    await services.close();
    throw error;
  }
  const stopRetention = scheduleCheckpointRetention({
    prune: (olderThan) => pruneCheckpoints(services.database.db, olderThan),
    retentionDays: config.checkpointRetentionDays,
  });
  const server = app.server as Server<unknown>;
  const port = server.port ?? config.port;
  // WhatsApp messages accepted before a restart are answered now, in the background.
  await services.whatsapp.start();
  let stopping: Promise<void> | undefined;
  return {
    services,
    port,
    url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`,
    stop() {
      stopping ??= (async () => {
        // Stop listening; open requests and sockets carry on. (Its promise waits for every
        // connection to close, which the sockets only do below.)
        stopRetention();
        const closed = server.stop(false);
        // WhatsApp's turns run through the turn runner, so they finish first; the messages
        // not yet started stay in its inbox for the next start.
        const deadline = Date.now() + config.shutdownTimeoutMs;
        await services.whatsapp.drain(config.shutdownTimeoutMs);
        const drained = await services.turns.drain(Math.max(0, deadline - Date.now()));
        if (!drained) console.warn("Shutdown: some turns were still running and were cut off.");
        services.connections.closeAll("server shutting down");
        await Promise.all([closed, server.stop(true)]);
        await services.close();
      })();
      return stopping;
    },
  };
}
