/**
 * The flood of issue 19 against a served runtime on loopback: one socket sends FRAMES frames at
 * once with rotating user ids (as an anonymous visitor, then as a trusted backend), while another
 * user chats. Prints the other user's turn latency (p50, p99) during the flood against a quiet
 * baseline in the same run, the flood's outcome counts, the chats written and the RSS growth.
 *
 * Run: bun run bench:flood [frames]
 */
import type { ServerEvent } from "../../runtime/src/web-chat/server-event.ts";
import {
  CLIENT_TOKEN,
  connectChat,
  startTestServer,
  type TestServer,
} from "../runtime/server/test-server.ts";

const FRAMES = Number(process.argv[2] ?? 3000);
const TURNS = 40;
const QUESTIONS = ["Hi!", "What are your opening hours?", "Do you ship abroad?", "Thanks"];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function otherUserLatencies(server: TestServer, token: string | null): Promise<number[]> {
  const client = await connectChat(server.wsUrl, token);
  const latencies: number[] = [];
  for (let index = 0; index < TURNS; index += 1) {
    const started = performance.now();
    const events = await client.turn({
      user_id: "other-user",
      question: QUESTIONS[index % QUESTIONS.length],
    });
    if (events.at(-1)?.type !== "end") throw new Error(`turn failed: ${JSON.stringify(events)}`);
    latencies.push(performance.now() - started);
  }
  client.close();
  return latencies;
}

async function flood(server: TestServer, token: string | null): Promise<Map<string, number>> {
  const flooder = await connectChat(server.wsUrl, token);
  const counts = new Map<string, number>();
  flooder.socket.addEventListener("message", (message) => {
    const event = JSON.parse(String(message.data)) as ServerEvent;
    const key = event.type === "error" ? `error:${event.code}` : event.type;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  for (let index = 0; index < FRAMES; index += 1)
    flooder.send({ user_id: `rotating-${index}`, question: "Hi!" });
  const answered = () =>
    (counts.get("end") ?? 0) +
    (counts.get("error:busy") ?? 0) +
    (counts.get("error:rate_limited") ?? 0);
  const deadline = Date.now() + 60_000;
  while (answered() < FRAMES && Date.now() < deadline) await Bun.sleep(20);
  flooder.close();
  return counts;
}

async function chats(server: TestServer): Promise<number> {
  const row = await server.running.services.database.db
    .selectFrom("chats")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

for (const mode of ["visitor", "backend"] as const) {
  const server = await startTestServer({
    // The visitor's rate limit lets the other user's turns through; the flooder still hits it.
    RATE_LIMIT_PER_MINUTE: mode === "visitor" ? "100" : "100000",
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "100000",
    ...(mode === "visitor" && { CLIENT_TOKEN: "" }),
  });
  const token = mode === "visitor" ? null : CLIENT_TOKEN;
  const quiet = await otherUserLatencies(server, token);
  const chatsBefore = await chats(server);
  const rssBefore = process.memoryUsage().rss;
  const [counts, loud] = await Promise.all([
    flood(server, token),
    otherUserLatencies(server, token),
  ]);
  const rssGrowth = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
  // The other user opens a chat per turn; the rest are the flood's.
  const written = (await chats(server)) - chatsBefore - TURNS;
  await server.stop();
  console.log(
    `${mode} flood of ${FRAMES} frames: ${JSON.stringify(Object.fromEntries(counts))}; chats written ${written}; RSS +${rssGrowth.toFixed(0)} MB`,
  );
  console.log(
    `  other user, ${TURNS} turns: quiet p50 ${percentile(quiet, 50).toFixed(1)} ms p99 ${percentile(quiet, 99).toFixed(1)} ms; during the flood p50 ${percentile(loud, 50).toFixed(1)} ms p99 ${percentile(loud, 99).toFixed(1)} ms (×${(percentile(loud, 99) / percentile(quiet, 99)).toFixed(2)} p99)`,
  );
}
