import { expect, it } from "bun:test";
import { listMessages } from "../../runtime/src/conversations/messages.repository.ts";
import { findContact } from "../../runtime/src/whatsapp/whatsapp-contacts.repository.ts";
import { listIncoming } from "../../runtime/src/whatsapp/whatsapp-inbox.repository.ts";
import { connectChat } from "../runtime/server/test-server.ts";
import { sentTexts } from "../runtime/whatsapp/channel-harness.ts";
import { describeServedRuntime } from "./served-runtime.ts";
import { postTexts, servedGraph } from "./served-whatsapp.ts";

const { graph, env } = servedGraph();

const PHONE = "15551230002";

describeServedRuntime(
  "a quick burst from one phone, past the per-user rate limit",
  { RATE_LIMIT_PER_MINUTE: "10" },
  (served) => {
    it("answers every message: WhatsApp is never rate limited, and a web client can't use up a phone's allowance", async () => {
      const server = served();
      // A web client naming the phone's user id, as the attack did, spends its own allowance only.
      const web = await connectChat(server.wsUrl);
      for (let index = 0; index < 12; index += 1)
        await web.turn({ user_id: `whatsapp_${PHONE}`, question: "Hi!" });
      web.close();

      const texts = Array.from({ length: 12 }, (_, index) => `question ${index + 1}`);
      await postTexts(server, PHONE, texts);

      const { db } = server.running.services.database;
      const inbox = await listIncoming(db, PHONE);
      expect(inbox.map((row) => row.status)).toEqual(texts.map(() => "replied"));
      const contact = await findContact(db, PHONE);
      const transcript = await listMessages(db, contact?.chatId ?? "", { limit: 200 });
      expect(transcript.filter((m) => m.role === "user").map((m) => m.content)).toEqual(texts);
      expect(sentTexts(graph, PHONE)).not.toContain("Sorry, something went wrong.");
    }, 60_000);
  },
  env,
);
