import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { Page } from "playwright-core";
import { api } from "../../runtime/server/test-server.ts";
import { canvasNode } from "./canvas-actions.ts";
import {
  ADMIN_TOKEN,
  chromiumAvailable,
  openStudio,
  type StudioSession,
  signIn,
} from "./studio-harness.ts";

// One browser and one server for the file: the steps build on each other, as a support team's
// session on the FAQ flow's knowledge.
const run = chromiumAvailable("the studio's knowledge screen tests");
let studio: StudioSession;
let page: Page;
const STEP = 30_000;
const UNANSWERED = "Do you sell pizza ovens?";

beforeAll(async () => {
  if (!run) return;
  studio = await openStudio({ width: 1400, height: 900 });
  page = studio.page;
  // A customer's question the published FAQ flow can't answer, through the chat API.
  await admin("/api/channels/api", "PUT", { flow: "faq" });
  const asked = await admin("/api/chat", "POST", { message: UNANSWERED });
  expect(JSON.stringify(asked.body)).toContain("Sorry, I don't have an answer");
  await signIn(page, studio.url);
  await page.goto(`${studio.url}#/flows/faq`);
  await canvasNode(page, "answer").waitFor();
}, 120_000);

afterAll(async () => {
  await studio?.close();
});

function admin(path: string, method = "GET", body?: unknown) {
  return api(studio.server, path, { method, token: ADMIN_TOKEN, body });
}

const screen = () => page.getByRole("main");
const entries = () => page.getByRole("region", { name: "Entries" });

describe.skipIf(!run)("the knowledge screen", () => {
  it(
    "edits an FAQ answer, and the editor's test chat answers with the new text",
    async () => {
      await page
        .getByRole("toolbar", { name: "Editor commands" })
        .getByRole("button", { name: "Knowledge" })
        .click();
      await page.getByRole("heading", { name: "Knowledge of faq" }).waitFor();
      await entries().getByRole("searchbox", { name: "Search entries" }).fill("opening hours");
      await entries().getByRole("button", { name: "Edit hours" }).click();
      const form = page.getByRole("form", { name: "Edit hours" });
      await form
        .getByRole("textbox", { name: "Answer (Markdown)" })
        .fill("We are open **every day** from 8am to 8pm.");
      const preview = form.getByRole("region", { name: "Answer preview" });
      expect(await preview.locator("strong").textContent()).toBe("every day");
      await studio.screenshot("knowledge-edit-entry");
      await form.getByRole("button", { name: "Save entry" }).click();
      await form.waitFor({ state: "detached" });
      expect(
        await entries().getByRole("region", { name: "Answer of hours" }).textContent(),
      ).toContain("every day from 8am to 8pm");

      await page.getByRole("button", { name: "← Back to the editor" }).click();
      await canvasNode(page, "answer").waitFor();
      await page.getByRole("tab", { name: "Chat" }).click();
      const chat = page.getByRole("tabpanel");
      await chat.getByRole("textbox", { name: "Message" }).fill("What are your opening hours?");
      await chat.getByRole("button", { name: "Send" }).click();
      await chat
        .getByRole("log", { name: "Conversation" })
        .getByText(/every day\W+from 8am to 8pm/)
        .waitFor();
      await studio.screenshot("knowledge-test-chat");
    },
    STEP,
  );

  it(
    "imports a CSV of 50 entries after a preview of what it adds",
    async () => {
      await page.goto(`${studio.url}#/flows/faq/knowledge`);
      await page.getByRole("heading", { name: "Knowledge of faq" }).waitFor();
      const before = await entries()
        .getByText(/ of \d+ entries/)
        .textContent();
      const csv = [
        "question,answer,alternates,tags",
        ...Array.from(
          { length: 50 },
          (_, n) =>
            `"Do you stock spare part ${n + 100}?","Yes: part ${n + 100} ships in 2 days.",part ${n + 100} | spare ${n + 100},parts`,
        ),
      ].join("\n");
      await page.getByLabel("File to import").setInputFiles({
        name: "parts.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(csv),
      });
      await page.getByRole("button", { name: "Preview import" }).click();
      const preview = page.getByRole("region", { name: "Import preview" });
      await preview.getByText("50 to add").waitFor();
      expect(await preview.getByRole("listitem").count()).toBe(50);
      await studio.screenshot("knowledge-import-preview");
      await preview.getByRole("button", { name: "Apply import" }).click();
      await screen().getByText("Imported: 50 added, 0 changed.").waitFor();
      const total = (text: string | null) => Number(/of (\d+) entries/.exec(text ?? "")?.[1]);
      const after = await entries()
        .getByText(/ of \d+ entries/)
        .textContent();
      expect(total(after)).toBe(total(before) + 50);
    },
    STEP,
  );

  it(
    "tests a question: the entries ranked against the threshold, and the one answered",
    async () => {
      const test = page.getByRole("region", { name: "Test a question" });
      await test
        .getByRole("textbox", { name: "Question to test" })
        .fill("is spare part 117 in stock?");
      await test.getByRole("button", { name: "Test" }).click();
      await test.getByText("The flow answers from do-you-stock-spare-part-117").waitFor();
      expect(await test.getByText("Threshold 0.3 (node answer)").count()).toBe(1);
      const rows = test.getByRole("table", { name: "Ranking" }).getByRole("row");
      expect(await rows.nth(1).textContent()).toContain("answers");
      expect(await test.getByText("below threshold").count()).toBeGreaterThan(0);
      await studio.screenshot("knowledge-test-question");
    },
    STEP,
  );

  it(
    "turns a question that fell to no_answer into an alternate in two clicks",
    async () => {
      const unanswered = page.getByRole("region", { name: "Unanswered questions" });
      const item = unanswered.getByRole("listitem").filter({ hasText: UNANSWERED });
      await item.getByRole("button", { name: "Add as alternate…" }).click();
      const target = await item.getByRole("combobox", { name: "Entry to add it to" }).inputValue();
      await studio.screenshot("knowledge-unanswered");
      await item.getByRole("button", { name: "Add as alternate", exact: true }).click();
      await unanswered.getByText("No recent question fell to no_answer").waitFor();
      const listed = await admin("/api/flows/faq/knowledge");
      const [voltra] = listed.body as { entries: { id: string; alternates: string[] }[] }[];
      expect(voltra?.entries.find((entry) => entry.id === target)?.alternates).toContain(
        UNANSWERED,
      );
    },
    STEP,
  );
});
