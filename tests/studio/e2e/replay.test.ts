import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { api, as, connectChat, FLOWS_DIR } from "../../runtime/server/test-server.ts";
import { canvasNode, waitForViewport } from "./canvas-actions.ts";
import {
  ADMIN_TOKEN,
  chromiumAvailable,
  openStudio,
  type StudioSession,
  signIn,
} from "./studio-harness.ts";

// A customer's recorded conversation on the support flow, and a draft that raises the classify
// threshold just above the confidence "financing?" was classified at: it now falls back. The
// steps build on each other.
const run = chromiumAvailable("the studio's replay tests");
let studio: StudioSession;
let page: Page;
let flowsDir: string;
const STEP = 30_000;

function admin(path: string, method = "GET", body?: unknown) {
  return api(studio.server, path, { method, token: ADMIN_TOKEN, body });
}

beforeAll(async () => {
  if (!run) return;
  flowsDir = await mkdtemp(join(tmpdir(), "studio-replay-flows-"));
  await cp(FLOWS_DIR, flowsDir, { recursive: true });
  studio = await openStudio({ width: 1280, height: 800 }, { FLOWS_DIR: flowsDir });
  page = studio.page;
  const customer = await connectChat(studio.server.wsUrl);
  const first = await customer.turn({ user_id: "e2e-replay", question: "hi there" });
  const chatId = as(first[0], "start").chat_id;
  await customer.turn({
    user_id: "e2e-replay",
    chat_id: chatId,
    question: "financing?",
  });
  customer.close();
  const { body } = await admin("/api/flows/support?version=latest");
  const flow = (
    body as { definition: { nodes: { id: string; config: Record<string, unknown> }[] } }
  ).definition;
  const { body: sessions } = await admin(`/api/replay/chats/${chatId}/sessions`);
  const [session] = sessions as { turns: { outcome: { intent: { confidence: number } } }[] }[];
  const confidence = session?.turns[1]?.outcome.intent.confidence ?? 1;
  expect(confidence).toBeLessThan(0.95);
  const classify = flow.nodes.find((node) => node.id === "classify");
  if (classify) classify.config.threshold = confidence + 0.02;
  expect((await admin("/api/flows/support/draft", "PUT", flow)).status).toBe(200);
  await signIn(page, studio.url);
  await page.goto(`${studio.url}#/flows/support`);
  await canvasNode(page, "classify").waitFor();
}, 120_000);

afterAll(async () => {
  await studio?.close();
  if (flowsDir) await rm(flowsDir, { recursive: true, force: true });
});

const tab = (name: string | RegExp) => page.getByRole("tab", { name });
const panel = () => page.getByRole("tabpanel");
const classesOf = (id: string) => canvasNode(page, id).getAttribute("class");

describe.skipIf(!run)("replaying recorded conversations in the studio", () => {
  it(
    "shows a conversation and its replay on the draft side by side, the divergence marked on the canvas",
    async () => {
      await tab("Conversations").click();
      await panel().getByRole("textbox", { name: "User" }).fill("e2e-replay");
      await panel().getByRole("button", { name: "Search" }).click();
      await panel()
        .getByRole("list", { name: "Conversations found" })
        .getByRole("button")
        .first()
        .click();
      await panel()
        .getByRole("button", { name: /Replay 2 turn\(s\) of v1 against the draft/ })
        .click();
      const turns = panel().getByRole("list", { name: "Turns side by side" });
      await turns.waitFor();

      const second = turns.getByRole("listitem", { name: "Turn 2" });
      expect(await second.getByText("first divergence at classify").count()).toBe(1);
      const changed = second.locator('tr[data-changed="true"] th');
      expect(await changed.allTextContents()).toEqual(["Replies", "Path"]);
      expect(await second.getByRole("row", { name: /^Path/ }).textContent()).toContain(
        "classify → fallback",
      );
      const firstTurn = turns.getByRole("listitem", { name: "Turn 1" });
      expect(await firstTurn.locator('tr[data-changed="true"]').count()).toBe(0);

      expect(await classesOf("classify")).toContain("path-diverged");
      expect(await classesOf("fallback")).toContain("path-visited");
      expect(await classesOf("faq")).not.toContain("path-");
      await waitForViewport(page);
      await studio.screenshot("replay-side-by-side");
    },
    STEP,
  );

  it(
    "forks the conversation after its first turn into the chat, going on against the draft",
    async () => {
      await panel().getByRole("combobox", { name: "Fork from turn" }).first().selectOption("0");
      const log = page.getByRole("log", { name: "Conversation" });
      await log.getByText("hi there").waitFor();
      expect(await tab("Chat").getAttribute("aria-selected")).toBe("true");
      expect(await log.getByText("financing?").count()).toBe(0);
      await panel().getByRole("textbox", { name: "Message" }).fill("financing?");
      await panel().getByRole("button", { name: "Send" }).click();
      await log.getByText(/Sorry, I'm not sure I understood/).waitFor();
      expect(await classesOf("fallback")).toContain("path-visited");
    },
    STEP,
  );

  it(
    "replays the flow's recorded conversations as a job and reports what changed, one click from each",
    async () => {
      await tab("Regression").click();
      await panel()
        .getByRole("button", { name: /Replay the last 200 conversations/ })
        .click();
      const report = panel().getByRole("region", { name: "Replay report" });
      await report.getByText("Done: 1 of 1 conversations change on the draft.").waitFor();
      const kinds = report.getByRole("definition");
      expect(await kinds.allTextContents()).toEqual(["1", "0", "1", "0", "0", "0"]);
      await report.getByRole("list", { name: "Changed conversations" }).getByRole("button").click();
      await panel().getByRole("list", { name: "Turns side by side" }).waitFor();
      await panel().getByRole("button", { name: "Accept as simulation" }).click();
      await panel()
        .getByText(/Saved as the simulation “Replay of/)
        .waitFor();
      const { body } = await admin("/api/flows/support/simulations");
      const names = (body as { simulations: { name: string }[] }).simulations.map((s) => s.name);
      expect(names.some((name) => name.startsWith("Replay of"))).toBe(true);
      await studio.screenshot("replay-regression");
    },
    STEP,
  );
});
