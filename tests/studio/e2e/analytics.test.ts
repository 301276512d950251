import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { Page } from "playwright-core";
import { SEEDED_TRACE_URL, seedConversations } from "../../runtime/analytics/analytics-seed.ts";
import { chromiumAvailable, openStudio, type StudioSession, signIn } from "./studio-harness.ts";

// One server seeded with the analytics conversations (see analytics-seed.ts), one browser.
const run = chromiumAvailable("the analytics screen browser tests");
let studio: StudioSession;
let page: Page;
const STEP = 60_000;

beforeAll(async () => {
  if (!run) return;
  studio = await openStudio({ width: 1440, height: 900 });
  page = studio.page;
  await seedConversations(studio.server.running.services.database.db);
  await signIn(page, studio.url);
}, 120_000);

afterAll(async () => {
  await studio?.close();
});

const figure = (name: string) =>
  page.getByRole("table", { name: "Figures" }).getByRole("row", { name: new RegExp(`^${name}`) });
const found = () => page.getByRole("list", { name: "Conversations found" }).getByRole("button");

describe.skipIf(!run)("the analytics screen", () => {
  it(
    "shows the rates of the seeded conversations over the chosen days, with charts",
    async () => {
      await page.getByRole("link", { name: "Analytics" }).click();
      await page.getByRole("heading", { name: "Analytics" }).waitFor();
      await page.getByLabel("From").fill("2026-03-02");
      await page.getByLabel("To").fill("2026-03-03");
      await figure("Conversations").getByRole("link", { name: "5" }).waitFor();
      expect(await figure("Containment").getByRole("link").textContent()).toBe("80.0% (4)");
      expect(await figure("Handoff rate").getByRole("link").textContent()).toBe("20.0% (1)");
      expect(await figure("Fallback rate").getByRole("link").textContent()).toBe(
        "20.0% (2 of 10 turns)",
      );
      expect(await figure("No-answer rate").getByRole("link").textContent()).toBe(
        "10.0% (1 of 10 turns)",
      );
      expect(await figure("Turns per conversation").getByRole("link").textContent()).toBe("2.00");
      expect(await figure("Feedback").getByRole("link").textContent()).toBe(
        "average 0.33 (2 up, 1 down)",
      );
      const unanswered = page.getByRole("region", { name: "Top unanswered questions" });
      expect(await unanswered.getByRole("listitem").allTextContents()).toEqual([
        "what is the meaning of life? (2 turns)",
        "do you ship to mars? (1 turns)",
      ]);
      // Two days of bars: contained and handed off conversations.
      await page.locator(".recharts-bar-rectangle").first().waitFor();
      expect(await page.locator(".recharts-bar-rectangle path").count()).toBeGreaterThan(0);
      await studio.screenshot("analytics-screen");
    },
    STEP,
  );

  it(
    "opens the conversations behind a figure in the Conversations tab",
    async () => {
      await figure("Handoff rate").getByRole("link").click();
      await page
        .getByRole("status")
        .getByText(/Behind the figure: handed off/)
        .waitFor();
      await found().first().waitFor();
      await expect(found().allTextContents()).resolves.toEqual([
        expect.stringContaining("Let me talk to a person"),
      ]);
      await studio.screenshot("analytics-handoff-conversations");

      await page.goBack();
      await page
        .getByRole("region", { name: "Top unanswered questions" })
        .getByRole("link", { name: /what is the meaning of life/ })
        .click();
      await page
        .getByRole("status")
        .getByText(/unanswered "what is the meaning of life\?"/)
        .waitFor();
      await found().nth(1).waitFor();
      const titles = await found().allTextContents();
      expect(titles).toHaveLength(2);
      expect(titles.join()).toContain("I want to buy a bike");
      expect(titles.join()).toContain("hello");
    },
    STEP,
  );

  it(
    "links a recorded turn to its Langfuse trace, and only a traced one",
    async () => {
      await found().filter({ hasText: "I want to buy a bike" }).click();
      const trace = page.getByRole("link", { name: "Trace of turn 1 in Langfuse" });
      await trace.waitFor();
      expect(await trace.getAttribute("href")).toBe(SEEDED_TRACE_URL);
      expect(await page.getByRole("link", { name: /Trace of turn \d in Langfuse/ }).count()).toBe(
        1,
      );
      await page.getByRole("button", { name: "Open turn 1 in the timeline" }).click();
      const timelineTrace = page.getByRole("link", { name: "Trace in Langfuse" });
      expect(await timelineTrace.getAttribute("href")).toBe(SEEDED_TRACE_URL);
      await studio.screenshot("analytics-trace-link");
    },
    STEP,
  );
});
