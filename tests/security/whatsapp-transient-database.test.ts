import { expect, it } from "bun:test";
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from "kysely";
import { DatabaseError } from "../../runtime/src/db/database-error.ts";
import type { GraphApiClient } from "../../runtime/src/whatsapp/graph-api-client.ts";
import { PhoneQueues } from "../../runtime/src/whatsapp/phone-queues.ts";
import { sendOutgoing } from "../../runtime/src/whatsapp/send-outgoing.ts";
import {
  listOutgoing,
  queueOutgoing,
} from "../../runtime/src/whatsapp/whatsapp-outbox.repository.ts";
import { describeEachDialect, useTestStore } from "../runtime/db/test-database.ts";

/** Fails the next `count` updates that record a message as sent, as a PostgreSQL restart would. */
function failSentUpdates(count: number): KyselyPlugin {
  let left = count;
  return {
    transformQuery({ node }: PluginTransformQueryArgs) {
      const sets = node.kind === "UpdateQueryNode" ? JSON.stringify(node) : "";
      if (left > 0 && sets.includes('"sent"')) {
        left -= 1;
        throw new DatabaseError("unreachable", "The database can't be reached.");
      }
      return node;
    },
    transformResult: async ({ result }: PluginTransformResultArgs) => result,
  };
}

describeEachDialect("a database error after WhatsApp took a message", (dialect) => {
  const test = useTestStore(dialect);

  it("keeps the message sent, not failed, and sends the rest of the reply", async () => {
    const { db } = test.database();
    const rows = await queueOutgoing(
      db,
      ["one", "two", "three"].map((text) => ({
        turnId: "turn-1",
        chatId: null,
        waId: "15551230003",
        body: {
          messaging_product: "whatsapp",
          to: "15551230003",
          type: "text",
          text: { body: text },
        },
      })),
    );
    const sent: string[] = [];
    const graph = {
      async send(message: { text: { body: string } }) {
        sent.push(message.text.body);
        return { id: `wamid.${sent.length}`, attempts: 1 };
      },
    } as unknown as GraphApiClient;
    const failure = await sendOutgoing(db.withPlugin(failSentUpdates(2)), graph, rows);
    expect(failure).toBeUndefined();
    expect(sent).toEqual(["one", "two", "three"]);
    const stored = await listOutgoing(db, "15551230003");
    expect(stored.map((row) => [row.status, row.wamid, row.error])).toEqual([
      ["sent", "wamid.1", null],
      ["sent", "wamid.2", null],
      ["sent", "wamid.3", null],
    ]);
  });
});

it("retries a phone's batch while the database is unreachable, in order, other phones going on", async () => {
  const done: string[] = [];
  let failures = 2;
  const queues = new PhoneQueues<string>(
    async (phone, [job]) => {
      if (job === "a1" && failures > 0) {
        failures -= 1;
        throw new DatabaseError("unreachable", "The database can't be reached.");
      }
      done.push(`${phone}:${job}`);
    },
    () => 1,
    4,
  );
  queues.push("a", "a1");
  queues.push("a", "a2");
  queues.push("b", "b1");
  await queues.idle();
  expect(done.filter((entry) => entry.startsWith("a:"))).toEqual(["a:a1", "a:a2"]);
  expect(done).toContain("b:b1");
  // b did not wait for a's retries.
  expect(done.indexOf("b:b1")).toBeLessThan(done.indexOf("a:a1"));
  expect(failures).toBe(0);
});
