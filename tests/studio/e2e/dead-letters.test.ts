import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { Browser } from "playwright-core";
import { api } from "../../runtime/server/test-server.ts";
import { sentTexts } from "../../runtime/whatsapp/channel-harness.ts";
import { postTexts, servedGraph } from "../../security/served-whatsapp.ts";
import {
  ADMIN_TOKEN,
  chromiumAvailable,
  launchBrowser,
  openStudio,
  type StudioSession,
  signIn,
} from "./studio-harness.ts";

const run = chromiumAvailable("the failed WhatsApp deliveries browser tests");
const STEP = 60_000;
const PHONE = "15551230042";
const OTHER_PHONE = "15551230043";

const { graph, env } = servedGraph();
let studio: StudioSession;
let browser: Browser;

beforeAll(async () => {
  if (!run) return;
  // A second's retry window, so a reply the Graph API keeps refusing is a dead letter at once.
  studio = await openStudio(undefined, {}, { ...env, WHATSAPP_RETRY_WINDOW: "1s" });
  browser = await launchBrowser();
}, STEP);

afterAll(async () => {
  await browser?.close();
  await studio?.close();
});

describe.skipIf(!run)("failed WhatsApp deliveries", () => {
  it(
    "are listed to the admin with Meta's error and sent again, one or the selected ones",
    async () => {
      // The Graph API is down for the whole retry window, then healthy again.
      graph.fail(
        ...Array.from({ length: 1000 }, () => ({
          kind: "error" as const,
          status: 503,
          code: 2,
          message: "(#2) Service temporarily unavailable",
        })),
      );
      await Promise.all([
        postTexts(studio.server, PHONE, ["Hi!"]),
        postTexts(studio.server, OTHER_PHONE, ["Hello"]),
      ]);
      graph.heal();
      expect(sentTexts(graph, PHONE)).toEqual([]);
      expect(sentTexts(graph, OTHER_PHONE)).toEqual([]);

      const { page } = studio;
      await signIn(page, studio.url);
      // The staff nav counts them.
      await page.getByRole("link", { name: /^Failed deliveries\s*2$/ }).click();
      await page.getByRole("heading", { name: "Failed WhatsApp deliveries" }).waitFor();
      const row = page.getByRole("row").filter({ hasText: `+${PHONE}` });
      await row.getByText("Service temporarily unavailable").waitFor();
      expect(await row.textContent()).toContain("#2");
      const text = (await row.locator(".dead-letter-text").textContent()) ?? "";
      expect(text.length).toBeGreaterThan(0);
      await studio.screenshot("dead-letters");

      await row.getByRole("button", { name: "Resend" }).click();
      await row.waitFor({ state: "detached" });
      await graph.until(() => sentTexts(graph, PHONE).length === 1, 15_000);
      expect(sentTexts(graph, PHONE)[0]).toContain(text);

      // The other one, selected and sent with the selection.
      await page.getByLabel(`Select the message to +${OTHER_PHONE}`).check();
      await page.getByRole("button", { name: "Resend selected (1)" }).click();
      await page.getByText("No failed deliveries.").waitFor();
      await graph.until(() => sentTexts(graph, OTHER_PHONE).length === 1, 15_000);
      expect(sentTexts(graph, PHONE)).toHaveLength(1);
      await page.getByRole("link", { name: /^Failed deliveries$/ }).waitFor();
    },
    STEP,
  );

  it(
    "is a screen an agent is refused",
    async () => {
      const invite = await api(studio.server, "/api/users/invites", {
        method: "POST",
        token: ADMIN_TOKEN,
        body: { email: "ana@example.com", role: "agent" },
      });
      const { token } = invite.body as { token: string };
      const password = "a long agent password";
      await api(studio.server, `/invites/${token}`, {
        method: "POST",
        token: null,
        body: { name: "Ana", password },
      });
      const agent = await (await browser.newContext()).newPage();
      await agent.goto(studio.url);
      await agent.getByLabel("Email").fill("ana@example.com");
      await agent.getByLabel("Password").fill(password);
      await agent.getByRole("button", { name: "Sign in", exact: true }).click();
      await agent.getByRole("heading", { name: "Inbox" }).waitFor();
      expect(await agent.getByRole("link", { name: /Failed deliveries/ }).count()).toBe(0);
      await agent.goto(`${studio.url}#/dead-letters`);
      await agent.getByRole("heading", { name: "Not for your role" }).waitFor();
      const refused = await agent.evaluate(
        async () => (await fetch("/api/whatsapp/deliveries?state=failed")).status,
      );
      expect(refused).toBe(403);
    },
    STEP,
  );
});
