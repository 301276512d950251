import { expect, it } from "bun:test";
import { parseModelCatalog } from "@switchboard/engine";
import { createApp } from "../../runtime/src/app.ts";
import { clientAddress } from "../../runtime/src/auth/client-address.ts";
import type { ServerEvent } from "../../runtime/src/web-chat/server-event.ts";
import { ADMIN_TOKEN, api, as, CLIENT_TOKEN, connectChat } from "../runtime/server/test-server.ts";
import { describeServedRuntime } from "./served-runtime.ts";

/** Frames the flood sends, all at once: bounded, so the test stays short on a loaded machine. */
const FLOOD_FRAMES = 3000;
const MB = 1024 * 1024;

/** Counts a socket's events by type (and `error` events by code) until `done` says so. */
function tally(socket: WebSocket) {
  const counts = new Map<string, number>();
  socket.addEventListener("message", (message) => {
    const event = JSON.parse(String(message.data)) as ServerEvent;
    const key = event.type === "error" ? `error:${event.code}` : event.type;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return (key: string) => counts.get(key) ?? 0;
}

async function chatCount(served: () => { running: { services: { database: { db: unknown } } } }) {
  const { db } = served().running.services.database as {
    db: import("kysely").Kysely<import("../../runtime/src/db/tables.ts").Tables>;
  };
  const row = await db
    .selectFrom("chats")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function flood(
  url: string,
  token: string | null,
  frames: number,
): Promise<(key: string) => number> {
  const flooder = await connectChat(url, token);
  const count = tally(flooder.socket);
  for (let index = 0; index < frames; index += 1)
    flooder.send({ user_id: `rotating-${index}`, question: "Hi!" });
  // Every frame gets an answer: a turn's end, or a refusal.
  const deadline = Date.now() + 20_000;
  const answered = () =>
    count("end") + count("error:busy") + count("error:rate_limited") + count("error:not_found");
  while (answered() < frames && Date.now() < deadline) await Bun.sleep(20);
  flooder.close();
  return count;
}

describeServedRuntime(
  "one socket flooding with rotating user ids",
  { CLIENT_TOKEN: "", RATE_LIMIT_PER_MINUTE: "10", MAX_TURNS_PER_SOCKET: "3" },
  (served) => {
    it("is bounded: busy past a few turns, its one identity rate limited, others still answered", async () => {
      const server = served();
      const rssBefore = process.memoryUsage().rss;
      const chatsBefore = await chatCount(served);
      const other = await connectChat(server.wsUrl, null);
      const flooding = flood(server.wsUrl, null, FLOOD_FRAMES);
      // Another user's turns while the flood runs.
      const latencies: number[] = [];
      let chatId: string | undefined;
      for (const question of ["Hi!", "Ana", "ana@example.com", "Acme"]) {
        const started = performance.now();
        const events = await other.turn({ question, ...(chatId && { chat_id: chatId }) });
        latencies.push(performance.now() - started);
        expect(events.at(-1)?.type).toBe("end");
        chatId ??= as(events[0], "start").chat_id;
      }
      const count = await flooding;
      other.close();
      const answered = count("end") + count("error:busy") + count("error:rate_limited");
      expect(answered).toBe(FLOOD_FRAMES);
      expect(count("error:busy")).toBeGreaterThan(0);
      // One visitor, whatever user ids it names: at most its rate limit of turns, so of chats.
      expect(count("end")).toBeLessThanOrEqual(10);
      expect((await chatCount(served)) - chatsBefore).toBeLessThanOrEqual(10 + 1);
      // Generous: the flood once grew the process by 1.8 GB.
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * MB);
      // Seconds, not the minute and a half the flood once caused (the precise figure is the
      // security benchmark's).
      expect(Math.max(...latencies)).toBeLessThan(5000);
    }, 60_000);
  },
);

describeServedRuntime(
  "a trusted backend flooding with rotating user ids",
  { RATE_LIMIT_PER_MINUTE: "1000", MAX_TURNS_PER_SOCKET: "3", MAX_TURNS_IN_FLIGHT: "4" },
  (served) => {
    it("has at most a few turns in flight per socket and per process, refusing the rest at once", async () => {
      const server = served();
      const chatsBefore = await chatCount(served);
      let peak = 0;
      const sampler = setInterval(() => {
        peak = Math.max(peak, server.running.services.turnSlots.inUse);
      }, 1);
      const floods = await Promise.all([
        flood(server.wsUrl, CLIENT_TOKEN, FLOOD_FRAMES / 3),
        flood(server.wsUrl, CLIENT_TOKEN, FLOOD_FRAMES / 3),
      ]);
      clearInterval(sampler);
      expect(peak).toBeLessThanOrEqual(4);
      let ended = 0;
      for (const count of floods) {
        expect(count("end") + count("error:busy")).toBe(FLOOD_FRAMES / 3);
        expect(count("error:busy")).toBeGreaterThan(0);
        ended += count("end");
      }
      // A chat is written for an admitted turn only.
      expect((await chatCount(served)) - chatsBefore).toBe(ended);
      const busy = await connectChat(server.wsUrl, CLIENT_TOKEN);
      for (let index = 0; index < 5; index += 1) busy.send({ user_id: "u", question: "Hi!" });
      expect(await busy.next("error")).toEqual({
        type: "error",
        code: "busy",
        message:
          "This connection already has 3 messages being answered; wait for an answer before sending more.",
      });
      for (let index = 0; index < 3; index += 1) await busy.next("end");
      busy.close();
    }, 60_000);
  },
);

describeServedRuntime(
  "new visitors from one address",
  { CLIENT_TOKEN: "", RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "3" },
  (served) => {
    it("are rate limited by the peer's address, whatever X-Forwarded-For claims", async () => {
      const server = served();
      const statuses: number[] = [];
      for (let index = 0; index < 5; index += 1) {
        const response = await fetch(`${server.url}/visitors`, {
          method: "POST",
          headers: { "x-forwarded-for": `203.0.113.${index}` },
        });
        statuses.push(response.status);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
    });
  },
);

it("takes the client's address from X-Forwarded-For only when a trusted proxy sent it", () => {
  expect(clientAddress("198.51.100.7", "203.0.113.9", [])).toBe("198.51.100.7");
  expect(clientAddress("10.0.0.2", "203.0.113.9, 10.0.0.2", ["10.0.0.2"])).toBe("203.0.113.9");
  expect(clientAddress("10.0.0.2", "1.2.3.4, 203.0.113.9", ["10.0.0.2"])).toBe("203.0.113.9");
  expect(clientAddress("10.0.0.2", undefined, ["10.0.0.2"])).toBe("10.0.0.2");
});

describeServedRuntime("the admin token", {}, (served) => {
  it("is accepted in the Authorization header only, never in the URL", async () => {
    const server = served();
    for (const path of ["/api/flows", "/api/handoffs"]) {
      const inUrl = await api(server, `${path}?token=${ADMIN_TOKEN}`, { token: null });
      expect({ path, status: inUrl.status }).toEqual({ path, status: 401 });
      const inHeader = await api(server, path, { token: ADMIN_TOKEN });
      expect({ path, status: inHeader.status }).toEqual({ path, status: 200 });
    }
  });
});

describeServedRuntime("/models and /ready", {}, (served) => {
  it("probe the model servers at most once every few seconds, however often called", async () => {
    let probes = 0;
    const modelServer = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch() {
        probes += 1;
        return Response.json({ data: [{ id: "m" }] });
      },
    });
    const catalog = parseModelCatalog({
      models: {
        default: {
          provider: "vllm",
          baseUrl: `http://127.0.0.1:${modelServer.port}/v1`,
          model: "m",
        },
      },
    });
    const app = createApp({ ...served().running.services, catalog });
    const calls = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        app.handle(new Request(`http://localhost${index % 2 ? "/models" : "/ready"}`)),
      ),
    );
    for (let index = 0; index < 10; index += 1)
      await app.handle(new Request("http://localhost/models"));
    modelServer.stop(true);
    expect(calls.every((response) => response.status === 200)).toBe(true);
    expect(probes).toBe(1);
  });
});
