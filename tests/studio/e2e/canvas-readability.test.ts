import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Flow } from "@switchboard/engine";
import type { Page } from "playwright-core";
import { FLOWS_DIR } from "../../runtime/server/test-server.ts";
import { canvasNode, clickPane, waitForViewport } from "./canvas-actions.ts";
import { chromiumAvailable, openStudio, type StudioSession, signIn } from "./studio-harness.ts";

// A new user's first look, at 1440×900: the support flow, a 300-node flow, search and comfort.
const run = chromiumAvailable("the studio's canvas readability tests");
let studio: StudioSession;
let page: Page;
let flowsDir: string;
const STEP = 60_000;
/** The smallest text the canvas shows, in screen pixels (font size × zoom). */
const MIN_TEXT_PX = 9.6;

/**
 * A chain of `count` replies, every tenth a two-way condition and every fiftieth a classifier
 * (which waits for the user, so the flow validates): one long row before wrapping.
 */
function chainFlow(count: number): Flow {
  const id = (i: number) => `n${i}`;
  const nodes: Flow["nodes"] = [];
  const edges: Flow["edges"] = [];
  for (let i = 0; i < count; i++) {
    const position = { x: i * 300, y: 0 };
    if (i === count - 1) nodes.push({ id: id(i), type: "end", position, config: { text: "Bye" } });
    else if (i % 50 === 49) {
      nodes.push({
        id: id(i),
        type: "classify",
        position,
        config: {
          threshold: 0.45,
          intents: [{ name: "more", description: "Wants more", examples: ["more please"] }],
        },
      });
      edges.push({ source: id(i), target: id(i + 1), branch: "more" });
      edges.push({ source: id(i), target: id(i + 1), branch: "fallback" });
    } else if (i % 10 === 5) {
      nodes.push({
        id: id(i),
        type: "condition",
        position,
        config: { rules: [{ label: "question", when: "intent == 'question'" }] },
      });
      edges.push({ source: id(i), target: id(i + 1), branch: "question" });
      edges.push({ source: id(i), target: id(i + 1), branch: "default" });
    } else {
      nodes.push({ id: id(i), type: "reply", position, config: { text: `Step ${i}` } });
      edges.push({ source: id(i), target: id(i + 1) });
    }
  }
  return {
    id: "long_chain",
    name: "Long chain",
    language: "en",
    version: 1,
    entry: id(0),
    models: ["default"],
    knowledge: [],
    variables: [],
    fallback: "Sorry.",
    nodes,
    edges,
  };
}

beforeAll(async () => {
  if (!run) return;
  flowsDir = await mkdtemp(join(tmpdir(), "studio-readability-flows-"));
  await cp(FLOWS_DIR, flowsDir, { recursive: true });
  await writeFile(join(flowsDir, "long_chain.flow.json"), JSON.stringify(chainFlow(300)));
  studio = await openStudio({ width: 1440, height: 900 }, { FLOWS_DIR: flowsDir });
  page = studio.page;
  await signIn(page, studio.url);
}, 120_000);

afterAll(async () => {
  await studio?.close();
  if (flowsDir) await rm(flowsDir, { recursive: true, force: true });
});

interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Screen boxes of the canvas' nodes and edge labels. */
function canvasBoxes(): Promise<{ nodes: Box[]; labels: Box[] }> {
  return page.evaluate(() => {
    const box = (name: string, element: Element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return { name, x, y, width, height };
    };
    return {
      nodes: [...document.querySelectorAll(".react-flow__node")].map((node) =>
        box(node.getAttribute("data-id") ?? "", node),
      ),
      labels: [...document.querySelectorAll(".edge-label")].map((label) =>
        box(label.getAttribute("data-edge") ?? "", label),
      ),
    };
  });
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every text shown on the canvas, with its size on screen (computed font size × zoom). */
function textSizes(): Promise<{ text: string; px: number }[]> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport");
    const zoom = viewport ? new DOMMatrix(getComputedStyle(viewport).transform).a : 1;
    const texts: { text: string; px: number }[] = [];
    const root = document.querySelector(".react-flow__viewport")?.parentElement;
    const walker = document.createTreeWalker(root ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || !node.textContent?.trim() || element.closest(".visually-hidden")) continue;
      if (!element.closest(".react-flow__node, .edge-label")) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const px = Number.parseFloat(getComputedStyle(element).fontSize) * zoom;
      texts.push({ text: node.textContent.trim(), px: Math.round(px * 100) / 100 });
    }
    return texts;
  });
}

/** The canvas' visible area on screen. */
async function paneBox() {
  const box = await page.locator(".react-flow").boundingBox();
  if (!box) throw new Error("no canvas");
  return box;
}

describe.skipIf(!run)("a readable canvas", () => {
  it(
    "opens the support flow with coloured nodes, routed edges, labels clear of everything, a minimap and readable text",
    async () => {
      await page.goto(`${studio.url}#/flows/support`);
      await canvasNode(page, "classify").waitFor();
      // Routes arrive from the layout worker: every branch label then sits where ELK put it.
      await page.locator(".react-flow__edge-path.routed").first().waitFor({ state: "attached" });
      await waitForViewport(page);
      await studio.screenshot("support-flow-1440");

      const stripe = (id: string) =>
        canvasNode(page, id)
          .locator(".flow-node")
          .evaluate((element) => getComputedStyle(element).borderLeftColor);
      const colours = new Set([
        await stripe("classify"),
        await stripe("faq"),
        await stripe("escalate"),
        await stripe("goodbye"),
      ]);
      expect(colours.size).toBe(4);

      const support: Flow = await Bun.file(join(FLOWS_DIR, "support.flow.json")).json();
      expect(await page.locator(".react-flow__minimap-node").count()).toBe(support.nodes.length);
      const pane = await paneBox();
      const fitted = await canvasBoxes();
      expect(fitted.nodes).toHaveLength(support.nodes.length);
      for (const node of fitted.nodes) {
        expect(node.x).toBeGreaterThanOrEqual(pane.x);
        expect(node.x + node.width).toBeLessThanOrEqual(pane.x + pane.width + 1);
      }
      expect((await textSizes()).filter((t) => t.px < MIN_TEXT_PX)).toEqual([]);

      // Fitted to a 1440×900 window the 15-node flow may show titles only; zoomed in until
      // every detail shows, its branch labels are all there, clear of nodes and of each other.
      for (let i = 0; i < 5 && (await page.locator(".canvas.far").count()) > 0; i++) {
        await page.locator(".react-flow__controls-zoomin").click();
        await waitForViewport(page);
      }
      expect(await page.locator(".canvas.far").count()).toBe(0);
      await studio.screenshot("support-flow-zoomed-in");
      const { nodes, labels } = await canvasBoxes();
      expect(nodes).toHaveLength(support.nodes.length);
      expect(labels).toHaveLength(support.edges.filter((edge) => edge.branch).length);
      for (const label of labels) expect(label.width).toBeGreaterThan(20);
      const clashes: string[] = [];
      for (const [i, label] of labels.entries()) {
        for (const other of labels.slice(i + 1))
          if (overlap(label, other)) clashes.push(`${label.name} × ${other.name}`);
        for (const node of nodes)
          if (overlap(label, node)) clashes.push(`${label.name} × node ${node.name}`);
      }
      expect(clashes).toEqual([]);
      expect((await textSizes()).filter((t) => t.px < MIN_TEXT_PX)).toEqual([]);
    },
    STEP,
  );

  it(
    "finds a node by a word of its reply text and jumps to it",
    async () => {
      const search = page.getByRole("combobox", { name: "Find a node" });
      await search.fill("store");
      const option = page.getByRole("option", { name: /point to the store/ });
      await option.waitFor();
      await studio.screenshot("node-search");
      await search.press("Enter");
      await page.locator(".react-flow__node.selected", { hasText: "lead_store" }).waitFor();
      expect(await page.getByRole("textbox", { name: "Title" }).inputValue()).toBe(
        "Not qualified: point to the store",
      );
    },
    STEP,
  );

  it(
    "lays out a 300-node chain and fits it with every node on screen at a readable size",
    async () => {
      await page.goto(`${studio.url}#/flows`);
      await page.getByRole("link", { name: "Long chain" }).click();
      await canvasNode(page, "n0").waitFor();
      const started = Date.now();
      await page.getByRole("button", { name: "Auto-layout" }).click();
      await page
        .locator(".react-flow__edge-path.routed")
        .first()
        .waitFor({ state: "attached", timeout: 30_000 });
      console.log(`300-node layout, click to routed edges: ${Date.now() - started} ms`);
      // Zoom to fit follows the layout; far out, nodes show their titles only.
      await page.locator(".canvas.far").waitFor({ state: "attached" });
      await waitForViewport(page);
      await studio.screenshot("long-chain-300-fitted");

      const { nodes } = await canvasBoxes();
      expect(nodes).toHaveLength(300);
      const pane = await paneBox();
      const outside = nodes.filter(
        (n) =>
          n.x < pane.x - 1 ||
          n.y < pane.y - 1 ||
          n.x + n.width > pane.x + pane.width + 1 ||
          n.y + n.height > pane.y + pane.height + 1,
      );
      expect(outside.map((n) => n.name)).toEqual([]);
      const texts = await textSizes();
      // Every node shows its name, none smaller than the floor.
      expect(new Set(texts.map((t) => t.text)).size).toBeGreaterThanOrEqual(300);
      expect(texts.filter((t) => t.px < MIN_TEXT_PX).slice(0, 5)).toEqual([]);
    },
    STEP,
  );
});

describe.skipIf(!run)("comfort", () => {
  it(
    "keeps every side-panel tab on one row, and opens a clicked node's settings from any tab",
    async () => {
      await page.goto(`${studio.url}#/flows/support`);
      await canvasNode(page, "classify").waitFor();
      const tops = await page
        .getByRole("tab")
        .evaluateAll((tabs) => tabs.map((tab) => Math.round(tab.getBoundingClientRect().top)));
      // The eight tabs the issue counted, Channels and Regression since.
      expect(tops).toHaveLength(10);
      expect(new Set(tops).size).toBe(1);
      await page.getByRole("tab", { name: "Chat" }).click();
      await canvasNode(page, "faq").click();
      expect(await page.getByRole("tab", { name: "Inspector" }).getAttribute("aria-selected")).toBe(
        "true",
      );
      await page.locator(".inspector-heading", { hasText: "faq" }).waitFor();
    },
    STEP,
  );

  it(
    "places a node added from the palette in free space near the view's centre",
    async () => {
      await page.getByRole("button", { name: "Add Reply" }).click();
      const added = canvasNode(page, "reply");
      await added.waitFor();
      const { nodes } = await canvasBoxes();
      const box = nodes.find((n) => n.name === "reply");
      if (!box) throw new Error("the new node is not on the canvas");
      expect(nodes.filter((n) => n.name !== "reply" && overlap(n, box)).map((n) => n.name)).toEqual(
        [],
      );
      const pane = await paneBox();
      expect(overlap(box, { name: "pane", ...pane })).toBe(true);
    },
    STEP,
  );

  it(
    "saves with Ctrl+S while typing in a field",
    async () => {
      await page.getByRole("textbox", { name: "Title" }).fill("Say hello");
      await page.keyboard.press("Control+s");
      await page.locator(".save-status", { hasText: "Draft saved" }).waitFor();
    },
    STEP,
  );

  it(
    "follows the system's dark mode, in the studio and the web chat",
    async () => {
      await page.emulateMedia({ colorScheme: "dark" });
      await clickPane(page);
      const background = await page.evaluate(
        () => getComputedStyle(document.querySelector(".flow-node") as Element).backgroundColor,
      );
      const dark = await page.evaluate(
        () => getComputedStyle(document.documentElement).backgroundColor,
      );
      expect(dark).toBe("rgb(15, 20, 26)");
      expect(background).not.toBe("rgb(255, 255, 255)");
      await studio.screenshot("support-flow-dark");

      await page.goto(`${studio.server.url}/`);
      await page.locator(".chat").waitFor();
      const chat = await page.evaluate(() => ({
        page: getComputedStyle(document.body).backgroundColor,
        panel: getComputedStyle(document.querySelector(".chat") as Element).backgroundColor,
      }));
      expect(chat).toEqual({ page: "rgb(15, 20, 26)", panel: "rgb(26, 33, 41)" });
      await studio.screenshot("web-chat-dark");
      await page.emulateMedia({ colorScheme: "light" });
    },
    STEP,
  );
});
