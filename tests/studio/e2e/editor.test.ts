import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { Page } from "playwright-core";
import {
  canvasNode,
  clickPane,
  connectNodes,
  dragBetween,
  dropFromPalette,
  waitForViewport,
} from "./canvas-actions.ts";
import { chromiumAvailable, openStudio, type StudioSession, signIn } from "./studio-harness.ts";

// One browser and one server for the file: the steps build on each other, as a user's session.
const run = chromiumAvailable("the studio editor tests");
let studio: StudioSession;
let page: Page;
/** A step's time limit: generous, since two CI cores run the browser and the server. */
const STEP = 30_000;

beforeAll(async () => {
  if (!run) return;
  studio = await openStudio();
  page = studio.page;
  await signIn(page, studio.url);
}, 120_000);

afterAll(async () => {
  await studio?.close();
});

const textField = () => page.getByRole("textbox", { name: "Text", exact: true });
/** Waits for the header's problem count to read `text` (validation answers from a worker). */
const problemCountIs = (text: string | RegExp) =>
  page
    .locator(".problem-count", {
      hasText: typeof text === "string" ? new RegExp(`^${text}$`) : text,
    })
    .waitFor();

describe.skipIf(!run)("editing a flow in the studio", () => {
  it(
    "creates a flow and empties its canvas",
    async () => {
      await page.getByRole("button", { name: "New flow" }).click();
      await page.getByLabel("Name").fill("Order questions");
      await page.getByRole("button", { name: "Create flow" }).click();
      await canvasNode(page, "greet").click();
      await page.keyboard.press("Delete");
      expect(await page.locator(".react-flow__node").count()).toBe(0);
      await problemCountIs(/problem/);
      await studio.screenshot("editor-empty");
    },
    STEP,
  );

  it(
    "builds a small flow by dragging from the palette and connecting the nodes",
    async () => {
      await dropFromPalette(page, "Reply", { x: 60, y: 150 });
      await dropFromPalette(page, "End", { x: 420, y: 400 });
      await canvasNode(page, "end").waitFor();
      await connectNodes(page, "reply", "end");
      await page.locator(".react-flow__edge").first().waitFor();
      await problemCountIs("Valid");
      expect(await canvasNode(page, "reply").textContent()).toContain("start");
    },
    STEP,
  );

  it(
    "configures a node in the inspector, with a validation error appearing and disappearing",
    async () => {
      await canvasNode(page, "reply").click();
      await page.getByRole("textbox", { name: "Title" }).fill("Welcome");
      await textField().fill("Hello {{customer}}, how can I help?");
      const message = page.locator(".field-messages", { hasText: "{{customer}}" });
      await message.waitFor();
      await problemCountIs("1 problem");
      expect(await canvasNode(page, "reply").textContent()).toContain("1 problem");
      await studio.screenshot("inspector-validation-error");

      await page.getByRole("tab", { name: "Problems (1)" }).click();
      await studio.screenshot("problems-panel");
      await clickPane(page);
      await page.getByRole("button", { name: /customer/ }).click();
      expect(await page.getByRole("tab", { name: "Inspector" }).getAttribute("aria-selected")).toBe(
        "true",
      );
      expect(await canvasNode(page, "reply").getAttribute("class")).toContain("selected");

      await textField().fill("Hello {{last_message}}");
      await message.waitFor({ state: "detached" });
      await problemCountIs("Valid");
      expect(await canvasNode(page, "reply").textContent()).toContain("Welcome");
    },
    STEP,
  );

  it(
    "undoes and redoes edits with the keyboard",
    async () => {
      await clickPane(page);
      await page.keyboard.press("Control+z");
      await canvasNode(page, "reply").click();
      expect(await textField().inputValue()).toBe("Hello {{customer}}, how can I help?");
      await problemCountIs("1 problem");
      await clickPane(page);
      await page.keyboard.press("Control+Shift+Z");
      await canvasNode(page, "reply").click();
      expect(await textField().inputValue()).toBe("Hello {{last_message}}");
      await problemCountIs("Valid");
    },
    STEP,
  );

  it(
    "saves a version and publishes it",
    async () => {
      await page.getByRole("button", { name: "Save version…" }).click();
      await page.getByLabel("What changed").fill("A welcome and a goodbye");
      await page.getByRole("button", { name: "Save version", exact: true }).click();
      await page.locator(".save-status", { hasText: "Saved as version 2" }).waitFor();
      await page.getByRole("tab", { name: "Versions" }).click();
      await page.getByRole("button", { name: "Publish version 2" }).click();
      await page.getByText("Version 2 is published").waitFor();
      const published = page.locator(".version-list li", { hasText: "Version 2" });
      await published.locator(".badge-published").waitFor();
      expect(await page.locator(".version-list .badge-published").count()).toBe(1);
    },
    STEP,
  );

  it(
    "shows a readable diff between two versions",
    async () => {
      await page.getByLabel("From", { exact: true }).selectOption("1");
      await page.getByLabel("To", { exact: true }).selectOption("2");
      await page.getByRole("button", { name: "Show differences" }).click();
      const diff = page.getByRole("region", { name: "Differences" });
      await diff.waitFor();
      const text = await diff.textContent();
      expect(text).toContain("greet (reply) removed");
      expect(text).toContain("reply (reply) added");
      expect(text).toContain("reply → end added");
      await studio.screenshot("versions-diff");

      await page.getByRole("button", { name: "Show on the canvas" }).click();
      const overlay = page.getByRole("region", { name: "Differences on the canvas" });
      const marked = (id: string) =>
        overlay.locator(`.react-flow__node[data-id="${id}"] .flow-node`).getAttribute("class");
      await overlay.locator('.react-flow__node[data-id="greet"]').waitFor();
      expect(await marked("greet")).toContain("diff-removed");
      expect(await marked("reply")).toContain("diff-added");
      expect(await marked("end")).toContain("diff-added");
      expect(
        await overlay.locator('.react-flow__edge-path[id="reply:->end"]').getAttribute("class"),
      ).toContain("diff-added");
      await studio.screenshot("versions-diff-canvas");
      await overlay.getByRole("button", { name: "Back to editing" }).click();
      await overlay.waitFor({ state: "detached" });
    },
    STEP,
  );

  it(
    "restores an old version as the draft, which undo takes back",
    async () => {
      await page.getByRole("button", { name: "Restore version 1" }).click();
      await canvasNode(page, "greet").waitFor();
      expect(await canvasNode(page, "reply").count()).toBe(0);
      expect(await page.locator(".save-status").textContent()).toBe("Unsaved changes");
      await page.keyboard.press("Control+z");
      await canvasNode(page, "reply").waitFor();
      expect(await canvasNode(page, "greet").count()).toBe(0);
    },
    STEP,
  );

  it(
    "duplicates, copies and pastes nodes, reconnects an edge and lays the flow out",
    async () => {
      await canvasNode(page, "reply").click();
      await page.keyboard.press("Control+d");
      await canvasNode(page, "reply_2").waitFor();
      await page.keyboard.press("Control+c");
      await page.keyboard.press("Control+v");
      await canvasNode(page, "reply_3").waitFor();

      await page.getByRole("button", { name: "Auto-layout" }).click();
      await waitForViewport(page);
      const left = async (id: string) => (await canvasNode(page, id).boundingBox())?.x ?? 0;
      expect(await left("end")).toBeGreaterThan(await left("reply"));

      // The end node's handle covers the edge's end; its outer half, left of the node, is free.
      const edgeEnd = page.locator(".react-flow__edgeupdater-target").first();
      const target = canvasNode(page, "reply_2").locator(".react-flow__handle.target");
      await dragBetween(page, edgeEnd, target, { x: -8, y: 0 });
      await page
        .locator('.react-flow__edge[data-id="reply:->reply_2"]')
        .waitFor({ state: "attached" });
      expect(await page.locator(".react-flow__edge").count()).toBe(1);
      await studio.screenshot("editor-built");
    },
    STEP,
  );

  it(
    "lists the keyboard shortcuts in a help dialog",
    async () => {
      await clickPane(page);
      await page.keyboard.press("?");
      const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain("Ctrl+Shift+Z");
      await studio.screenshot("help-dialog");
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
    },
    STEP,
  );

  it(
    "keeps the edit when a save fails, and offers it again after a reload",
    async () => {
      await page.route("**/api/flows/*/draft", (route) =>
        route.fulfill({
          status: 500,
          contentType: "application/json",
          body: '{"code":"internal_error","message":"The disk is full."}',
        }),
      );
      await page.keyboard.press("Control+s");
      await page.getByText("The draft was not saved: The disk is full.").waitFor();
      expect(await page.locator(".save-status").textContent()).toBe("Not saved");
      expect(await canvasNode(page, "reply_3").count()).toBe(1);
      await page.unroute("**/api/flows/*/draft");

      await page.reload();
      await page.getByRole("button", { name: "Restore them" }).click();
      await canvasNode(page, "reply_3").waitFor();
      await page.getByRole("button", { name: "Save draft" }).click();
      await page.locator(".save-status", { hasText: "Draft saved" }).waitFor();
    },
    STEP,
  );

  it(
    "warns before leaving with unsaved changes",
    async () => {
      await canvasNode(page, "reply_3").click();
      await page.keyboard.press("Delete");
      await page.getByRole("button", { name: "← Flows" }).click();
      const dialog = page.getByRole("dialog", { name: "Unsaved changes" });
      await dialog.waitFor();
      await dialog.getByRole("button", { name: "Leave without saving" }).click();
      await page.getByRole("heading", { name: "Flows" }).waitFor();
      const row = page.getByRole("row", { name: /Order questions/ });
      expect(await row.textContent()).toContain("version 2");
    },
    STEP,
  );

  it(
    "gives every control a name, for every node type's form, at 1280×800",
    async () => {
      await page.getByRole("button", { name: "New flow" }).click();
      await page.getByLabel("Name").fill("Every node type");
      await page.getByRole("button", { name: "Create flow" }).click();
      await canvasNode(page, "greet").waitFor();
      const types = await page
        .locator("[data-node-type]")
        .evaluateAll((items) => items.map((item) => item.getAttribute("data-node-type") ?? ""));
      expect(types).toHaveLength(10);
      for (const type of types) {
        await page.locator(`[data-node-type="${type}"]`).click();
        await canvasNode(page, type).waitFor();
        await page.locator(".inspector-heading .badge", { hasText: type }).waitFor();
        expect({ type, unnamed: await unnamedControls(page) }).toEqual({ type, unnamed: [] });
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    },
    STEP,
  );
});

/** Controls on the page that a screen reader could not name. */
function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      "button, input, select, textarea, [role=tab], a[href]",
    );
    return [...controls]
      .filter((control) => {
        if (control.closest("[aria-hidden=true]")) return false;
        const labels = (control as HTMLInputElement).labels;
        const name =
          control.getAttribute("aria-label") ||
          control.getAttribute("aria-labelledby") ||
          (labels ? [...labels].map((label) => label.textContent ?? "").join("") : "") ||
          (["BUTTON", "A"].includes(control.tagName) || control.getAttribute("role") === "tab"
            ? control.textContent
            : "") ||
          control.getAttribute("title");
        return !name?.trim();
      })
      .map((control) => control.outerHTML.slice(0, 160));
  });
}
