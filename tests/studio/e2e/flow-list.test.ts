import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { minimalFlow } from "../../engine/helpers/minimal-flow.ts";
import { canvasNode } from "./canvas-actions.ts";
import {
  chromiumAvailable,
  openStudio,
  type StudioSession,
  signIn,
  signInWithToken,
} from "./studio-harness.ts";

const run = chromiumAvailable("the studio flow list tests");
let studio: StudioSession;
let page: Page;
const STEP = 30_000;

beforeAll(async () => {
  if (!run) return;
  studio = await openStudio();
  page = studio.page;
}, 120_000);

afterAll(async () => {
  await studio?.close();
});

const row = (name: string | RegExp) => page.getByRole("row", { name });

describe.skipIf(!run)("the flow list", () => {
  it(
    "refuses a wrong token, then signs in with the admin token",
    async () => {
      await page.goto(studio.url);
      await signInWithToken(page, "not-the-token");
      await page.getByText("That is not an admin token of this server.").waitFor();
      await studio.screenshot("sign-in");
      await signIn(page, studio.url);
      await row(/Voltra Bikes support/).waitFor();
      await studio.screenshot("flow-list");
    },
    STEP,
  );

  it(
    "searches flows by name and id",
    async () => {
      await page.getByRole("searchbox", { name: "Search flows" }).fill("lead");
      expect(await page.locator("tbody tr").count()).toBe(1);
      await row(/lead qualification/).waitFor();
      await page.getByRole("searchbox", { name: "Search flows" }).fill("");
      expect(await page.locator("tbody tr").count()).toBe(5);
    },
    STEP,
  );

  it(
    "imports a flow file, and says what is wrong with a file that is not a flow",
    async () => {
      const chooser = page.getByLabel("Import flow");
      await chooser.setInputFiles({
        name: "broken.json",
        mimeType: "application/json",
        buffer: Buffer.from("{nope"),
      });
      await page.getByText("broken.json: The file is not valid JSON").waitFor();
      const invalid = { ...minimalFlow(), id: "invalid_import", entry: "nowhere" };
      await chooser.setInputFiles({
        name: "invalid.flow.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(invalid)),
      });
      await page.getByText(/invalid\.flow\.json: The flow has 1 problem/).waitFor();

      const flow = { ...minimalFlow(), id: "imported", name: "Imported greeter" };
      await chooser.setInputFiles({
        name: "imported.flow.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(flow)),
      });
      await page.getByText("Imported imported.flow.json as version 1 of “imported”.").waitFor();
      await row(/Imported greeter/).waitFor();
    },
    STEP,
  );

  it(
    "exports a flow as a file",
    async () => {
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Export Imported greeter" }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe("imported.flow.json");
      const exported = JSON.parse(await readFile((await file.path()) ?? "", "utf8"));
      expect(exported).toMatchObject({ id: "imported", name: "Imported greeter" });
    },
    STEP,
  );

  it(
    "duplicates a flow under a new id and opens the copy",
    async () => {
      await page.getByRole("button", { name: "Duplicate Imported greeter" }).click();
      await row(/Imported greeter \(copy\)/).waitFor();
      await page.getByRole("link", { name: "Imported greeter (copy)" }).click();
      await page.locator(".react-flow__node").first().waitFor();
      expect(await page.locator(".flow-name").textContent()).toBe("Imported greeter (copy)");
      await canvasNode(page, "greet_reply").waitFor();
      await page.getByRole("button", { name: "← Flows" }).click();
      await page.getByRole("heading", { name: "Flows" }).waitFor();
    },
    STEP,
  );

  it(
    "deletes a flow only once the deletion is confirmed",
    async () => {
      await page.getByRole("button", { name: "Delete Imported greeter (copy)" }).click();
      const dialog = page.getByRole("dialog", { name: "Delete flow" });
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await dialog.waitFor({ state: "hidden" });
      expect(await row(/Imported greeter \(copy\)/).count()).toBe(1);

      await page.getByRole("button", { name: "Delete Imported greeter (copy)" }).click();
      await dialog.getByRole("button", { name: "Delete flow" }).click();
      await page.getByText("Deleted “Imported greeter (copy)”.").waitFor();
      expect(await row(/Imported greeter \(copy\)/).count()).toBe(0);
    },
    STEP,
  );

  it(
    "renders names from flow files as text, never as HTML",
    async () => {
      const flow = {
        ...minimalFlow(),
        id: "html_name",
        name: '<img src=x onerror="window.__hacked=1">Tricky',
      };
      await page.getByLabel("Import flow").setInputFiles({
        name: "html.flow.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(flow)),
      });
      await row(/Tricky/).waitFor();
      expect(await page.locator("tbody img").count()).toBe(0);
      expect(await page.evaluate(() => (window as { __hacked?: number }).__hacked)).toBeUndefined();
    },
    STEP,
  );
});
