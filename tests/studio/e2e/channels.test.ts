import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { Page } from "playwright-core";
import { chromiumAvailable, openStudio, type StudioSession, signIn } from "./studio-harness.ts";

const run = chromiumAvailable("the studio channels tests");
let studio: StudioSession;
let page: Page;
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

const row = (name: string | RegExp) => page.getByRole("row", { name });

describe.skipIf(!run)("where flows are live", () => {
  it(
    "lists each flow's live version and the channels it is live on",
    async () => {
      const support = row(/Voltra Bikes support/);
      await support.getByText("chat API, OpenAI API").waitFor();
      expect(await support.getByText("version 1", { exact: true }).count()).toBeGreaterThan(0);
    },
    STEP,
  );

  it(
    "binds the chat API and puts a web widget on the web from the editor",
    async () => {
      await page.goto(`${studio.url}#/flows/faq`);
      const header = page.locator(".editor-header .live-status");
      await header.getByText("Live: version 1 on OpenAI API").waitFor();
      await page.getByRole("tab", { name: "Channels" }).click();
      const apiChannel = page.locator(".channel-list li", { hasText: "Chat API" });
      await apiChannel.getByRole("button", { name: "Bind to this flow" }).click();
      await header.getByText("Live: version 1 on chat API, OpenAI API").waitFor();

      await page.getByLabel("Title").fill("Voltra FAQ");
      await page.getByLabel("Welcome message").fill("Ask me about the store.");
      // The preview shows the welcome message before anything is saved or typed.
      await page.frameLocator(".widget-preview").getByText("Ask me about the store.").waitFor();
      await page.getByRole("button", { name: "Put on the web" }).click();
      await header.getByText("Live: version 1 on web widget, chat API, OpenAI API").waitFor();
      expect(await page.locator(".widget-snippet").textContent()).toBe(
        `<script src="${studio.server.url}/embed.js" data-flow="faq" async></script>`,
      );
      await studio.screenshot("channels");
    },
    STEP,
  );

  it(
    "says where a newly published version goes live",
    async () => {
      await page.getByRole("button", { name: "Save version…" }).click();
      await page.getByLabel("What changed").fill("Same answers");
      await page.getByRole("button", { name: "Save version", exact: true }).click();
      await page.locator(".save-status", { hasText: "Saved as version 2" }).waitFor();
      await page.getByRole("tab", { name: "Versions" }).click();
      await page.getByRole("button", { name: "Publish version 2" }).click();
      await page
        .getByText(
          "Version 2 is published: new chats start on it on web widget, chat API, OpenAI API.",
        )
        .waitFor();
      await page
        .locator(".editor-header .live-status")
        .getByText("Live: version 2 on web widget")
        .waitFor();
    },
    STEP,
  );
});
