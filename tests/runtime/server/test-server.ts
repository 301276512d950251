import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadServerConfig } from "../../../runtime/src/config/server-config.ts";
import { type RunningServer, startServer } from "../../../runtime/src/server.ts";
import type { ServerEvent } from "../../../runtime/src/web-chat/server-event.ts";
import { jsonRequest, readResponse } from "../json-request.ts";

export const FLOWS_DIR = join(import.meta.dir, "..", "..", "..", "flows");
export const ADMIN_TOKEN = "test-admin-token-0123456789";
/**
 * The test servers' `CLIENT_TOKEN`: tests act as the trusted backend of the template's protocol,
 * naming the user of each message, unless they start a server with `CLIENT_TOKEN: ""` (open to
 * anonymous visitors) and connect with `null`.
 */
export const CLIENT_TOKEN = "test-client-token-0123";

/** A real server on a free port, over a SQLite database in a temporary data directory. */
export interface TestServer {
  running: RunningServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  /** Stops the server (gracefully) and, unless `keepData`, deletes its data directory. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * @param env settings over the test defaults (an admin token, a high rate limit, the example
 *   flows); pass `DATA_DIR` to reopen an earlier server's data, as after a restart.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  announce: (message: string) => void = () => {},
  /** The services' environment (model catalog, Langfuse, WhatsApp settings); default none. */
  servicesEnv: Record<string, string> = {},
): Promise<TestServer> {
  const dataDir = env.DATA_DIR ?? (await mkdtemp(join(tmpdir(), "switchboard-server-")));
  const config = await loadServerConfig(
    {
      ADMIN_TOKEN,
      CLIENT_TOKEN,
      RATE_LIMIT_PER_MINUTE: "1000",
      FLOWS_DIR,
      SHUTDOWN_TIMEOUT_MS: "5000",
      CONFIG_FILE: "",
      ...env,
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
    },
    { port: 0 },
  );
  const running = await startServer(config, { env: servicesEnv, announce });
  return {
    running,
    url: running.url,
    wsUrl: `${running.url.replace("http", "ws")}/ws/chat/completions`,
    dataDir,
    async stop({ keepData = false } = {}) {
      await running.stop();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A WebSocket chat client that reads the server's events in order. */
export interface ChatClient {
  socket: WebSocket;
  /** The server's first event: to an anonymous visitor, with its new token. */
  connected: Event<"connected">;
  /** The next event (of `type`, skipping others when given); fails after `timeoutMs`. */
  next(type?: ServerEvent["type"], timeoutMs?: number): Promise<ServerEvent>;
  /** Sends a message (strings and bytes as they are, anything else as JSON). */
  send(message: unknown): void;
  /** Sends a message and collects the events up to its `end` or `error`. */
  turn(message: unknown): Promise<ServerEvent[]>;
  /** Resolves with the close code once the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

type Event<T extends ServerEvent["type"]> = Extract<ServerEvent, { type: T }>;

/** Narrows an event, failing the test when it is of another type. */
export function as<T extends ServerEvent["type"]>(
  event: ServerEvent | undefined,
  type: T,
): Event<T> {
  if (event?.type !== type)
    throw new Error(`expected a ${type} event, got ${JSON.stringify(event)}`);
  return event as Event<T>;
}

/**
 * Connects and waits for the `connected` event.
 *
 * @param token `?token=` (default: the test client token); null: none, as an anonymous visitor.
 */
export async function connectChat(
  url: string,
  token: string | null = CLIENT_TOKEN,
): Promise<ChatClient> {
  const query = token ? `${url.includes("?") ? "&" : "?"}token=${encodeURIComponent(token)}` : "";
  const socket = new WebSocket(`${url}${query}`);
  const received: ServerEvent[] = [];
  const waiters: (() => void)[] = [];
  socket.onmessage = (message) => {
    received.push(JSON.parse(String(message.data)) as ServerEvent);
    for (const wake of waiters.splice(0)) wake();
  };
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.onclose = (event) => {
      resolve({ code: event.code, reason: event.reason });
      for (const wake of waiters.splice(0)) wake();
    };
  });
  const next = async (type?: ServerEvent["type"], timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = received.findIndex((event) => type === undefined || event.type === type);
      if (index >= 0) return received.splice(0, index + 1).at(-1) as ServerEvent;
      if (socket.readyState === WebSocket.CLOSED)
        throw new Error(`socket closed while waiting for ${type ?? "an event"}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type ?? "event"} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  const client: Omit<ChatClient, "connected"> = {
    socket,
    next,
    closed,
    send: (message) =>
      socket.send(
        typeof message === "string" || message instanceof Uint8Array
          ? message
          : JSON.stringify(message),
      ),
    async turn(message) {
      client.send(message);
      const events: ServerEvent[] = [];
      for (;;) {
        const event = await next();
        events.push(event);
        if (event.type === "end" || event.type === "error") return events;
      }
    },
    close: () => socket.close(),
  };
  return { ...client, connected: as(await next(), "connected") };
}

/** The bot's text in a turn's events. */
export function repliesOf(events: ServerEvent[]): string[] {
  return events.flatMap((event) => (event.type === "agent_response" ? [event.content] : []));
}

/** A JSON request to the server, with a bearer token (default: the test client token; null: none). */
export async function api(
  server: TestServer,
  path: string,
  {
    method = "GET",
    token = CLIENT_TOKEN,
    body,
  }: { method?: string; token?: string | null; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  const { status, body: parsed } = await readResponse(
    await fetch(jsonRequest(`${server.url}${path}`, { method, token, body })),
  );
  return { status, body: parsed };
}
