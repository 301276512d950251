import { afterAll, expect, it } from "bun:test";
import { findIncoming } from "../../runtime/src/whatsapp/whatsapp-inbox.repository.ts";
import { listOutgoing } from "../../runtime/src/whatsapp/whatsapp-outbox.repository.ts";
import { describeEachDialect, useTestStore } from "../runtime/db/test-database.ts";
import { openChannel, post, sentTexts } from "../runtime/whatsapp/channel-harness.ts";
import {
  BUSINESS_PHONE_NUMBER_ID,
  notification,
  textMessage,
} from "../runtime/whatsapp/meta-webhooks.ts";
import { startWhatsAppGraph } from "../stand-ins/whatsapp-graph.ts";

/** A Graph API stand-in of the test's own, so no fault is left over for the next. */
const graphs: ReturnType<typeof startWhatsAppGraph>[] = [];
const newGraph = () => {
  const graph = startWhatsAppGraph({
    accessToken: "EAAJB3ZAq8dmABAGHb0ZBfIE",
    phoneNumberId: BUSINESS_PHONE_NUMBER_ID,
  });
  graphs.push(graph);
  return graph;
};
afterAll(() => Promise.all(graphs.map((graph) => graph.stop())));

const PHONE = "15551230007";
/** What the Graph API answers while it is down; the test client tries each send 3 times. */
const down = (times: number) =>
  Array.from({ length: times }, () => ({
    kind: "error" as const,
    status: 503,
    code: 2,
    message: "Service temporarily unavailable",
  }));

describeEachDialect("WhatsApp replies while the Graph API is down", (dialect) => {
  const test = useTestStore(dialect);

  it("are tried again within the retry window, across a restart, and sent once it is back", async () => {
    const database = test.database();
    const graph = newGraph();
    const settings = { retryWindowMs: 60_000 };
    const first = openChannel(database, graph, { settings });
    const sentBefore = sentTexts(graph, PHONE).length;
    // The read receipt, then two rounds of three tries of the reply.
    graph.fail({ kind: "latency", ms: 0 }, ...down(6));
    const message = textMessage(PHONE, "hello") as { id: string };
    await post(first, notification({ messages: [message] }));
    await graph.until(() => graph.requests.length > 0 && graph.requests.at(-1)?.status === 503);
    // A restart while the reply waits: it stays queued, the message unfinished.
    await first.drain(1000);
    const [waiting] = await listOutgoing(database.db, PHONE);
    expect(waiting).toMatchObject({ status: "queued", errorCode: 2 });
    expect(await findIncoming(database.db, message.id)).toMatchObject({ status: "processing" });

    const second = openChannel(database, graph, { settings });
    await second.recover();
    await graph.until(() => sentTexts(graph, PHONE).length > sentBefore, 20_000);
    await second.idle();
    const [sent] = await listOutgoing(database.db, PHONE);
    expect(sent?.status).toBe("sent");
    expect(sentTexts(graph, PHONE).length).toBe(sentBefore + 1);
    expect(await findIncoming(database.db, message.id)).toMatchObject({ status: "replied" });
    await second.drain(1000);
  }, 30_000);

  it("become visible dead letters once the window has passed", async () => {
    const database = test.database();
    const graph = newGraph();
    const channel = openChannel(database, graph, { settings: { retryWindowMs: 300 } });
    graph.fail({ kind: "latency", ms: 0 }, ...down(60));
    const message = textMessage(PHONE, "still there?") as { id: string };
    await post(channel, notification({ messages: [message] }));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const [row] = await listOutgoing(database.db, PHONE);
      if (row?.status === "failed") break;
      await Bun.sleep(50);
    }
    const [dead] = await listOutgoing(database.db, PHONE);
    expect(dead).toMatchObject({ status: "failed", errorCode: 2 });
    expect(await findIncoming(database.db, message.id)).toMatchObject({ status: "failed" });
    await channel.drain(1000);
  }, 30_000);
});
