/**
 * The WhatsApp channel under load: signed webhook posts at a fixed rate from many phones to
 * `switchboard serve` (the support flow on the local models, SQLite), replies going to the
 * Graph API stand-in, each in a process of its own. Prints the acknowledgement latency (p50, p99),
 * the time from post to the reply reaching the stand-in, and how many messages were received,
 * processed and replied, which must be equal: none lost, none answered twice. The latency target
 * (acknowledgement p99 under 20 ms) is read, not asserted; a lost or duplicated message fails.
 *
 * Run: bun run bench:whatsapp [--rate 200] [--seconds 30] [--phones 500]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../../runtime/src/db/database.ts";
import { signBody } from "../../runtime/src/whatsapp/verify-signature.ts";
import { countIncomingByStatus } from "../../runtime/src/whatsapp/whatsapp-inbox.repository.ts";
import { startServeProcess } from "../runtime/scale/serve-process.ts";
import { RECORD_PATH } from "../stand-ins/whatsapp-graph.ts";
import { firstLine } from "./first-line.ts";

const { values } = parseArgs({
  options: {
    rate: { type: "string", default: "200" },
    seconds: { type: "string", default: "30" },
    phones: { type: "string", default: "500" },
  },
});
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const PHONES = Number(values.phones);
const TOTAL = Math.round(RATE * SECONDS);
const ROOT = join(import.meta.dir, "..", "..");
const APP_SECRET = "bench-app-secret-5f0e1c2d3b4a";
const ACCESS_TOKEN = "EAABENCHTOKEN";
const PHONE_NUMBER_ID = "106540352242922";
const QUESTIONS = [
  "what time do you open on sunday?",
  "do you deliver to Porto?",
  "how long is the warranty on the battery?",
  "does the bike come already put together?",
];

// The Graph API stand-in and the server in processes of their own, so neither's work delays
// this one's reading of the acknowledgements.
const standIn = Bun.spawn([process.execPath, "tests/stand-ins/whatsapp-graph.ts", ACCESS_TOKEN], {
  cwd: ROOT,
  stdin: "ignore",
  stdout: "pipe",
  stderr: "inherit",
});
const graphUrl = (JSON.parse(await firstLine(standIn.stdout)) as { url: string }).url;
const dataDir = await mkdtemp(join(tmpdir(), "switchboard-whatsapp-bench-"));
// Its data directory is this one's, so the inbox can be read after the run.
const server = await startServeProcess({
  DATA_DIR: dataDir,
  // Each phone sends a message every few seconds; the per-user limit is not what is measured.
  RATE_LIMIT_PER_MINUTE: "100000",
  WHATSAPP_VERIFY_TOKEN: "bench",
  WHATSAPP_APP_SECRET: APP_SECRET,
  WHATSAPP_ACCESS_TOKEN: ACCESS_TOKEN,
  WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
  WHATSAPP_GRAPH_BASE_URL: graphUrl,
});
const url = server.url;
const webhook = `${url}/webhook/whatsapp`;
console.log(
  `WhatsApp benchmark: ${TOTAL} messages at ${RATE}/s for ${SECONDS} s from ${PHONES} phones to ${webhook}`,
);

const postedAt = new Map<string, number>();
const ackMs: number[] = [];
const failedAcks: string[] = [];
const inFlight: Promise<void>[] = [];

async function postOne(index: number): Promise<void> {
  const phone = `4479${String(index % PHONES).padStart(8, "0")}`;
  const wamid = `wamid.BENCH${String(index).padStart(8, "0")}`;
  const text = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: `Bench ${index % PHONES}` }, wa_id: phone }],
              messages: [
                {
                  from: phone,
                  id: wamid,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: "text",
                  text: { body: QUESTIONS[index % QUESTIONS.length] },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  const signature = signBody(text, APP_SECRET);
  postedAt.set(wamid, Date.now());
  const started = performance.now();
  try {
    const response = await fetch(webhook, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": signature },
      body: text,
    });
    await response.arrayBuffer();
    if (response.status === 200) ackMs.push(performance.now() - started);
    else failedAcks.push(`${wamid}: HTTP ${response.status}`);
  } catch (error) {
    failedAcks.push(`${wamid}: ${(error as Error).message}`);
  }
}

// Open loop: each post leaves at its time whether or not earlier ones were answered.
const start = performance.now();
for (let sent = 0; sent < TOTAL; ) {
  const due = Math.min(TOTAL, Math.floor(((performance.now() - start) / 1000) * RATE) + 1);
  while (sent < due) inFlight.push(postOne(sent++));
  await Bun.sleep(1);
}
await Promise.all(inFlight);
const sendingSeconds = (performance.now() - start) / 1000;

// Wait for every accepted message to be finished, reading the server's database beside it.
const database = await openDatabase(`sqlite:${join(dataDir, "switchboard.db")}`, { dataDir });
const deadline = Date.now() + 600_000;
let counts = await countIncomingByStatus(database.db);
while ((counts.received ?? 0) + (counts.processing ?? 0) > 0 || total(counts) < ackMs.length) {
  if (Date.now() > deadline) break;
  await Bun.sleep(100);
  counts = await countIncomingByStatus(database.db);
}

const firstReplies = await database.db
  .selectFrom("whatsappInbox as inbox")
  .innerJoin("whatsappOutbox as outbox", "outbox.turnId", "inbox.turnId")
  .select(["inbox.wamid as incoming", "outbox.wamid as reply"])
  .where("outbox.position", "=", 0)
  .execute();
const recorded = (await (await fetch(`${graphUrl}${RECORD_PATH}`)).json()) as {
  messageId?: string;
  receivedAt: number;
  status: number;
  read: boolean;
}[];
const accepted = recorded.filter((request) => request.messageId !== undefined);
const reads = recorded.filter((request) => request.read && request.status === 200).length;
const arrivals = new Map(accepted.map((request) => [request.messageId, request.receivedAt]));
const endToEnd = firstReplies.flatMap(({ incoming, reply }) => {
  const posted = postedAt.get(incoming);
  const arrived = reply === null ? undefined : arrivals.get(reply);
  return posted === undefined || arrived === undefined ? [] : [arrived - posted];
});
const { sent: outboxSent } = await database.db
  .selectFrom("whatsappOutbox")
  .select((eb) => eb.fn.countAll<number>().as("sent"))
  .where("status", "=", "sent")
  .executeTakeFirstOrThrow();
const failures = await database.db
  .selectFrom("whatsappInbox")
  .select("error")
  .distinct()
  .where("status", "=", "failed")
  .limit(3)
  .execute();
await database.close();
await server.stop();
standIn.kill("SIGTERM");
await standIn.exited;
await rm(dataDir, { recursive: true, force: true });

const received = total(counts);
const processed = (counts.replied ?? 0) + (counts.failed ?? 0) + (counts.ignored ?? 0);
const replied = counts.replied ?? 0;
const lost = TOTAL - replied;
const duplicated = accepted.length - Number(outboxSent);
const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(`
posted            ${TOTAL} in ${sendingSeconds.toFixed(1)} s (${(TOTAL / sendingSeconds).toFixed(0)}/s); acknowledged 200: ${ackMs.length}${failedAcks.length ? `; not: ${failedAcks.length} (${failedAcks.slice(0, 3).join("; ")})` : ""}
acknowledgement   p50 ${ms(percentile(ackMs, 0.5))}   p99 ${ms(percentile(ackMs, 0.99))}   max ${ms(Math.max(...ackMs))}
post to reply     p50 ${ms(percentile(endToEnd, 0.5))}   p99 ${ms(percentile(endToEnd, 0.99))}   max ${ms(Math.max(...endToEnd))}   (${endToEnd.length} replies timed)
messages          received ${received}   processed ${processed}   replied ${replied}   (failed ${counts.failed ?? 0}, ignored ${counts.ignored ?? 0})
graph api         ${accepted.length} messages accepted for ${outboxSent} sent outbox rows, ${reads} read receipts
${failures.map((row) => `failed because  ${row.error}\n`).join("")}lost ${lost}, duplicated ${duplicated}; acknowledgement p99 under 20 ms: ${percentile(ackMs, 0.99) < 20 ? "yes" : "no"}`);
if (lost !== 0 || duplicated !== 0 || received !== processed || processed !== replied)
  process.exitCode = 1;

function total(statuses: Partial<Record<string, number>>): number {
  return Object.values(statuses).reduce<number>((sum, count) => sum + (count ?? 0), 0);
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}
