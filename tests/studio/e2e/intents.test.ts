import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { Page } from "playwright-core";
import { bikeShopIntents } from "../../engine/helpers/bike-shop-intents.ts";
import { api } from "../../runtime/server/test-server.ts";
import { canvasNode } from "./canvas-actions.ts";
import {
  ADMIN_TOKEN,
  chromiumAvailable,
  openStudio,
  type StudioSession,
  signIn,
} from "./studio-harness.ts";

// One browser and one server for the file: the steps build on each other, as an author's
// session on a bike shop's intents.
const run = chromiumAvailable("the studio's intents editor tests");
let studio: StudioSession;
let page: Page;
const STEP = 30_000;

const [hours, ...others] = bikeShopIntents;
/** The shop's intents with "hours" split into two that mean the same: a confused pair. */
const intents = [
  ...others,
  { name: "hours", description: "Opening hours", examples: hours?.examples.slice(0, 5) ?? [] },
  {
    name: "schedule",
    description: "Opening hours of the shop",
    examples: [...(hours?.examples.slice(5) ?? []), "when are you open"],
  },
];

beforeAll(async () => {
  if (!run) return;
  studio = await openStudio({ width: 1440, height: 900 });
  page = studio.page;
  const flow = {
    id: "shop",
    name: "Bike shop",
    version: 1,
    entry: "classify",
    models: ["local"],
    nodes: [
      { id: "classify", type: "classify", config: { threshold: 0.45, intents } },
      { id: "done", type: "end", config: {} },
    ],
    edges: [...intents.map((intent) => intent.name), "fallback"].map((branch) => ({
      source: "classify",
      target: "done",
      branch,
    })),
  };
  const created = await api(studio.server, "/api/flows", {
    method: "POST",
    token: ADMIN_TOKEN,
    body: { flow },
  });
  if (created.status !== 201)
    throw new Error(`the flow was not created: ${JSON.stringify(created.body)}`);
  await signIn(page, studio.url);
  await page.goto(`${studio.url}#/flows/shop`);
  await canvasNode(page, "classify").click();
}, 120_000);

afterAll(async () => {
  await studio?.close();
});

const panel = () => page.getByRole("tabpanel");

describe.skipIf(!run)("a classify node's intents in the studio", () => {
  it(
    "lists the intents and their examples in tables, searchable",
    async () => {
      const table = panel().locator(".intents-table");
      await table.waitFor();
      expect(await table.locator("tbody tr").count()).toBe(intents.length);
      const total = intents.reduce((sum, intent) => sum + intent.examples.length, 0);
      const count = panel()
        .getByText(/examples$/)
        .first();
      expect(await count.textContent()).toBe(`${total} examples`);
      await panel().getByRole("searchbox", { name: "Search examples" }).fill("open sunday");
      expect(await panel().locator(".examples-table tbody tr").count()).toBe(1);
      await panel().getByRole("searchbox", { name: "Search examples" }).fill("");
    },
    STEP,
  );

  it(
    "bulk-pastes examples into an intent, one per line, leaving out what it already has",
    async () => {
      await panel()
        .getByRole("textbox", { name: "Paste examples, one per line" })
        .fill(
          "refund please\n\ncan I have my money back?\nI want to return my bike\nrefund please",
        );
      await panel().getByLabel("into").selectOption({ label: "returns" });
      await panel().getByRole("button", { name: "Add examples" }).click();
      await panel().getByText("Added 2 examples to returns. 1 it already had.").waitFor();
      await panel().getByRole("searchbox", { name: "Search examples" }).fill("returns");
      const rows = panel().locator(".examples-table tbody tr");
      const returns = intents.find((intent) => intent.name === "returns")?.examples.length ?? 0;
      expect(await rows.count()).toBe(returns + 2);
      expect(
        await panel()
          .getByRole("textbox", { name: `Example ${returns + 2} of returns` })
          .inputValue(),
      ).toBe("can I have my money back?");
      await studio.screenshot("intents-table");
      await panel().getByRole("searchbox", { name: "Search examples" }).fill("");
    },
    STEP,
  );

  it(
    "moves an example to another intent with its intent picker",
    async () => {
      await panel().getByRole("searchbox", { name: "Search examples" }).fill("refund please");
      await panel()
        .getByRole("combobox", { name: "Intent of “refund please”" })
        .selectOption({ label: "pricing" });
      await panel().getByRole("searchbox", { name: "Search examples" }).fill("pricing refund");
      expect(await panel().locator(".examples-table tbody tr").count()).toBe(1);
      await panel()
        .getByRole("combobox", { name: "Intent of “refund please”" })
        .selectOption({ label: "returns" });
      await panel().getByRole("searchbox", { name: "Search examples" }).fill("");
    },
    STEP,
  );

  it(
    "picks the node's model from the runtime's catalog",
    async () => {
      const model = panel().getByRole("combobox", { name: "Model" });
      const options = await model.locator("option").allTextContents();
      expect(options).toContain("local");
      await model.selectOption("local");
      await model.selectOption("");
    },
    STEP,
  );

  it(
    "reports the confused pair of intents, saving the edits first",
    async () => {
      await panel().getByRole("button", { name: "Check intent quality" }).click();
      const pairs = panel().getByRole("list", { name: "Confused pairs" });
      await pairs.waitFor({ timeout: 25_000 });
      const first = pairs.locator(":scope > li").first();
      expect(await first.locator("strong").textContent()).toBe("hours ↔ schedule");
      expect(await first.textContent()).toMatch(/taken for (hours|schedule)/);
      const report = panel().getByRole("region", { name: "Intent quality" });
      expect(await report.getByRole("table").textContent()).toContain("schedule");
      await report.scrollIntoViewIfNeeded();
      await studio.screenshot("intent-report");
      // The report ran on the saved draft, which now has the pasted examples.
      const { body } = await api(studio.server, "/api/flows/shop", { token: ADMIN_TOKEN });
      const draft = body as { definition: { nodes: { config: { intents?: typeof intents } }[] } };
      const returns = draft.definition.nodes[0]?.config.intents?.find((i) => i.name === "returns");
      expect(returns?.examples).toContain("can I have my money back?");
    },
    STEP,
  );
});
