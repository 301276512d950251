import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import {
  api,
  as,
  type ChatClient,
  connectChat,
  FLOWS_DIR,
} from "../../runtime/server/test-server.ts";
import { canvasNode, waitForViewport } from "./canvas-actions.ts";
import {
  ADMIN_TOKEN,
  chromiumAvailable,
  openStudio,
  type StudioSession,
  signIn,
} from "./studio-harness.ts";

// One browser, one server and a copy of the example flows (the panels write simulations files)
// for the file: the steps build on each other, as an author's session on the support flow.
const run = chromiumAvailable("the studio's testing and operating panels tests");
let studio: StudioSession;
let page: Page;
let flowsDir: string;
let customer: ChatClient | undefined;
const STEP = 30_000;

beforeAll(async () => {
  if (!run) return;
  flowsDir = await mkdtemp(join(tmpdir(), "studio-testing-flows-"));
  await cp(FLOWS_DIR, flowsDir, { recursive: true });
  studio = await openStudio({ width: 1280, height: 800 }, { FLOWS_DIR: flowsDir });
  page = studio.page;
  // Two of the support flow's simulations, so some nodes are left uncovered.
  const { body } = await admin("/api/flows/support/simulations");
  const { simulations } = body as { simulations: { name: string }[] };
  await admin("/api/flows/support/simulations", "PUT", { simulations: simulations.slice(0, 2) });
  await signIn(page, studio.url);
  await page.goto(`${studio.url}#/flows/support`);
  await canvasNode(page, "classify").waitFor();
}, 120_000);

afterAll(async () => {
  customer?.close();
  await studio?.close();
  if (flowsDir) await rm(flowsDir, { recursive: true, force: true });
});

function admin(path: string, method = "GET", body?: unknown) {
  return api(studio.server, path, { method, token: ADMIN_TOKEN, body });
}

const tab = (name: string | RegExp) => page.getByRole("tab", { name });
const panel = () => page.getByRole("tabpanel");
const classesOf = (id: string) => canvasNode(page, id).getAttribute("class");

describe.skipIf(!run)("testing and operating a flow from the studio", () => {
  it(
    "chats with the draft and lights the turn's path on the canvas",
    async () => {
      await tab("Chat").click();
      await panel()
        .getByRole("textbox", { name: "Message" })
        .fill("what time do you open on sunday?");
      await panel().getByRole("button", { name: "Send" }).click();
      const log = panel().getByRole("log", { name: "Conversation" });
      await log
        .getByText(/Sunday/)
        .last()
        .waitFor();
      await page.getByRole("button", { name: "Show turn 1 in the timeline" }).waitFor();
      expect(await classesOf("classify")).toContain("path-visited");
      expect(await classesOf("faq")).toContain("path-visited");
      expect(await classesOf("sales")).not.toContain("path-");
      expect(await page.locator(".react-flow__edge.path-taken").count()).toBe(1);
      await studio.screenshot("testing-chat-path");
    },
    STEP,
  );

  it(
    "opens the turn in the timeline, where a node shows its states and model calls",
    async () => {
      await page.getByRole("button", { name: "Show turn 1 in the timeline" }).click();
      expect(await tab("Timeline").getAttribute("aria-selected")).toBe("true");
      await panel()
        .getByRole("button", { name: /^classify:/ })
        .click();
      const details = panel().getByRole("region", { name: "Details of classify" });
      await details.waitFor();
      expect(
        await details.getByRole("figure", { name: "State after classify" }).textContent(),
      ).toContain('"name": "question"');
      expect(await details.getByRole("table").textContent()).toContain("local");
      expect(await classesOf("classify")).toContain("path-focused");
      await waitForViewport(page);
      await studio.screenshot("testing-timeline");
    },
    STEP,
  );

  it(
    "saves the conversation as a simulation in the flow's simulations file",
    async () => {
      await tab("Chat").click();
      await panel().getByRole("button", { name: "Save as simulation…" }).click();
      const dialog = page.getByRole("dialog", { name: "Save this conversation as a simulation" });
      await dialog.getByRole("textbox", { name: "Name" }).fill("Sunday hours, from the chat");
      await dialog.getByRole("button", { name: "Save simulation" }).click();
      await panel()
        .getByRole("status")
        .getByText(/support\.simulations\.json/)
        .waitFor();
      const file = JSON.parse(await readFile(join(flowsDir, "support.simulations.json"), "utf8"));
      expect(file.simulations.at(-1)).toMatchObject({
        name: "Sunday hours, from the chat",
        turns: [
          { user: "what time do you open on sunday?", expect: { visited: ["classify", "faq"] } },
        ],
      });
    },
    STEP,
  );

  it(
    "runs the simulations: pass and fail per script and turn, the first mismatch, and what none covers",
    async () => {
      await tab("Simulations").click();
      await panel().getByRole("button", { name: "Add a simulation" }).click();
      const dialog = page.getByRole("dialog", { name: "Add a simulation" });
      await dialog.getByLabel("Name").fill("Opens at midnight (wrong on purpose)");
      await dialog
        .getByRole("textbox", { name: "Message (turn 1)" })
        .fill("what time do you open on sunday?");
      await dialog.getByRole("textbox", { name: "Reply contains (turn 1)" }).fill("midnight");
      await dialog.getByRole("combobox", { name: "Status (turn 1)" }).selectOption("");
      await studio.screenshot("testing-simulation-form");
      await dialog.getByRole("button", { name: "Save" }).click();
      await panel()
        .getByRole("button", { name: "Edit the simulation Opens at midnight (wrong on purpose)" })
        .waitFor();

      await panel().getByRole("button", { name: "Run simulations" }).click();
      const summary = panel().getByText(/passed, \d+ failed on the draft/);
      await summary.waitFor();
      expect(await summary.textContent()).toBe(
        "3 passed, 1 failed on the draft as the canvas shows it, unsaved edits included",
      );
      expect(await panel().locator(".first-mismatch").textContent()).toContain("midnight");
      const uncovered = panel().getByRole("list", { name: "Nodes no simulation covers" });
      expect(await uncovered.textContent()).toContain("escalate");
      expect(await tab(/Simulations \(1 failing\)/).count()).toBe(1);
      await studio.screenshot("testing-simulations");

      await panel()
        .getByRole("button", { name: /Open turn 1 of Opens at midnight .* in the timeline/ })
        .click();
      expect(await panel().getByRole("heading", { level: 2 }).textContent()).toContain(
        "Opens at midnight",
      );
      expect(await classesOf("faq")).toContain("path-visited");
      await waitForViewport(page);
      await studio.screenshot("testing-simulation-turn");
    },
    STEP,
  );

  it(
    "runs the simulations on the canvas's unsaved edits, failing where an edit breaks them",
    async () => {
      await canvasNode(page, "classify").click();
      await tab("Inspector").click();
      const threshold = panel().getByRole("textbox", { name: "Threshold" });
      const saved = await threshold.inputValue();
      // Nothing is that sure: every message now takes the fallback branch.
      await threshold.fill("1");
      await tab("Simulations").click();
      await panel().getByRole("button", { name: "Run simulations" }).click();
      // Before the edit: 3 passed, 1 failed (the one wrong on purpose).
      const summary = panel().getByText(/^\d+ passed, [2-9] failed on the draft/);
      await summary.waitFor();
      expect(await panel().locator(".first-mismatch").first().textContent()).toMatch(
        /intent|fallback|visited|reply/,
      );
      await studio.screenshot("testing-simulations-unsaved-edits");
      // The run read the canvas, not the saved draft, which still has the old threshold.
      const { body } = await admin("/api/flows/support");
      const draft = body as {
        definition: { nodes: { id: string; config: { threshold?: number } }[] };
      };
      expect(draft.definition.nodes.find((node) => node.id === "classify")?.config.threshold).toBe(
        Number(saved),
      );

      await canvasNode(page, "classify").click();
      await tab("Inspector").click();
      await panel().getByRole("textbox", { name: "Threshold" }).fill(saved);
      await tab("Simulations").click();
      await panel().getByRole("button", { name: "Run simulations" }).click();
      await panel()
        .getByText(/^3 passed, 1 failed on the draft/)
        .waitFor();
    },
    STEP,
  );

  it(
    "answers a handoff from the inbox: the reply reaches the user's socket, then the bot takes over",
    async () => {
      customer = await connectChat(studio.server.wsUrl);
      const events = await customer.turn({
        user_id: "e2e-ana",
        question: "Can I talk to a real person?",
      });
      const chatId = as(events[0], "start").chat_id;

      await tab("Inbox").click();
      await panel().getByRole("button", { name: "Refresh" }).click();
      await panel()
        .getByRole("list", { name: "Open handoffs" })
        .getByRole("button")
        .first()
        .click();
      const transcript = panel().getByRole("list", { name: "Transcript" });
      await transcript.getByText("Can I talk to a real person?").waitFor();
      await panel()
        .getByRole("textbox", { name: "Reply to the user" })
        .fill("Hi Ana, <b>Sam</b> here.");
      await panel()
        .getByRole("textbox", { name: /Your name/ })
        .fill("Sam");
      await panel().getByRole("button", { name: "Send reply" }).click();
      expect(await customer.next("handoff")).toMatchObject({
        action: "agent_message",
        chat_id: chatId,
        content: "Hi Ana, <b>Sam</b> here.",
        agent: "Sam",
      });
      // What people type is shown as text, never as HTML.
      await transcript.getByText("Hi Ana, <b>Sam</b> here.").waitFor();
      expect(await transcript.locator("b").count()).toBe(0);
      await studio.screenshot("testing-inbox");

      await panel().getByRole("button", { name: "Hand back to the bot" }).click();
      await panel()
        .getByRole("status")
        .getByText(/The bot has the conversation again/)
        .waitFor();
      expect(await customer.next("handoff")).toMatchObject({
        action: "handed_back",
        chat_id: chatId,
      });
      await panel().getByText("No conversation is waiting for a person.").waitFor();
    },
    STEP,
  );

  it(
    "browses conversations by channel and user, and shows a recorded turn's path on the canvas",
    async () => {
      await tab("Conversations").click();
      await panel().getByRole("combobox", { name: "Channel" }).selectOption("web");
      await panel().getByRole("textbox", { name: "User" }).fill("e2e-ana");
      await panel().getByRole("button", { name: "Search" }).click();
      const found = panel().getByRole("list", { name: "Conversations found" }).getByRole("button");
      await found.first().waitFor();
      expect(await found.count()).toBe(1);
      await found.first().click();
      const transcript = panel().getByRole("list", { name: "Transcript" });
      await transcript.getByText("Hi Ana, <b>Sam</b> here.").waitFor();
      await panel().getByRole("button", { name: "Show the path of turn 1 on the canvas" }).click();
      expect(await classesOf("escalate")).toContain("path-visited");
      expect(await classesOf("faq")).not.toContain("path-");
      await waitForViewport(page);
      await studio.screenshot("testing-conversations");
    },
    STEP,
  );
});
