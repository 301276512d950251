import { expect, it } from "bun:test";
import { listOutgoing } from "../../runtime/src/whatsapp/whatsapp-outbox.repository.ts";
import { ADMIN_TOKEN, api, CLIENT_TOKEN } from "../runtime/server/test-server.ts";
import { sentTexts } from "../runtime/whatsapp/channel-harness.ts";
import { describeServedRuntime } from "./served-runtime.ts";
import { postTexts, servedGraph } from "./served-whatsapp.ts";

const { graph, env } = servedGraph();

describeServedRuntime(
  "a WhatsApp message that could not be sent",
  {},
  (served) => {
    it("is listed to admins with Meta's error, and an admin can send it again", async () => {
      const server = served();
      const phone = "15551230006";
      // The read receipt goes first, then the reply meets Meta's refusal.
      graph.fail(
        { kind: "latency", ms: 0 },
        { kind: "error", status: 400, code: 131026, message: "Message undeliverable" },
      );
      await postTexts(server, phone, ["Hi!"]);
      const { db } = server.running.services.database;
      const failed = (await listOutgoing(db, phone)).filter((row) => row.status === "failed");
      expect(failed.length).toBeGreaterThan(0);
      const sentBefore = sentTexts(graph, phone).length;

      const listed = await api(server, "/api/whatsapp/deliveries?state=failed", {
        token: ADMIN_TOKEN,
      });
      expect(listed.status).toBe(200);
      const first = (listed.body as { id: string; errorCode: number; error: string }[]).find(
        (row) => row.id === failed[0]?.id,
      );
      expect(first?.errorCode).toBe(131026);
      expect(first?.error).toContain("131026");
      for (const token of [CLIENT_TOKEN, null])
        expect((await api(server, "/api/whatsapp/deliveries?state=failed", { token })).status).toBe(
          401,
        );

      const resent = await api(server, `/api/whatsapp/deliveries/${failed[0]?.id}/resend`, {
        method: "POST",
        token: ADMIN_TOKEN,
      });
      expect(resent.status).toBe(202);
      await server.running.services.whatsapp.channel?.idle();
      expect(sentTexts(graph, phone).length).toBe(sentBefore + 1);
      const after = (await listOutgoing(db, phone)).find((row) => row.id === failed[0]?.id);
      expect(after?.status).toBe("sent");
      const again = await api(server, `/api/whatsapp/deliveries/${failed[0]?.id}/resend`, {
        method: "POST",
        token: ADMIN_TOKEN,
      });
      expect(again.status).toBe(404);
    });
  },
  env,
);
