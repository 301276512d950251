import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type FrameLocator, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from "../../studio/e2e/studio-harness.ts";
import { ADMIN_TOKEN, api, startTestServer, type TestServer } from "../server/test-server.ts";

const run = chromiumAvailable("the embedded widgets' browser test");

let server: TestServer;
/** Another origin, as a customer's site would be. */
let site: ReturnType<typeof Bun.serve>;
let profile: string;
let context: BrowserContext;
let page: Page;

/** A customer's page with two widgets: the FAQ flow's (stored settings) and support's (attributes). */
function hostPage(origin: string): string {
  return `<!doctype html><html><head><title>Voltra</title>
<style>button { background: red !important; }</style></head><body><h1>Voltra Bikes</h1>
<script src="${origin}/embed.js" data-flow="faq" async></script>
<script src="${origin}/embed.js" data-flow="support" data-title="Voltra support"
  data-welcome="Hello! How can we help?" data-quick-starts="Opening hours|Talk to a human"
  data-position="left" data-theme="dark" async></script>
</body></html>`;
}

beforeAll(async () => {
  if (!run) return;
  // Open to anonymous visitors, as a public site's widgets are.
  server = await startTestServer({ CLIENT_TOKEN: "" });
  await api(server, "/api/widgets/faq", {
    method: "PUT",
    token: ADMIN_TOKEN,
    body: {
      settings: {
        title: "Voltra FAQ",
        welcome: "Ask me anything about the store.",
        quickStarts: ["Do you take Apple Pay?"],
        accent: "#0f766e",
        language: "es",
      },
    },
  });
  site = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () => new Response(hostPage(server.url), { headers: { "content-type": "text/html" } }),
  });
  profile = await mkdtemp(join(tmpdir(), "widgets-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  context.setDefaultTimeout(15_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${site.port}/`);
});

afterAll(async () => {
  if (!run) return;
  await context.close();
  site.stop(true);
  await server.stop();
  await rm(profile, { recursive: true, force: true });
});

/** Opens a widget by its launcher and returns its chat frame. */
async function open(title: string, flow: string): Promise<FrameLocator> {
  await page.getByRole("button", { name: title }).click();
  return page.locator(`[data-switchboard-widget="${flow}"] iframe`).contentFrame();
}

/** The flow the chat a widget's frame holds talks to, as the server stored it. */
async function flowOfChat(flow: string): Promise<string> {
  const frame = page.frames().find((f) => f.url().includes(`flow=${flow}`));
  const chatId = await frame?.evaluate(
    (key) => localStorage.getItem(key),
    `switchboard.chat.${flow}`,
  );
  const { body } = await api(server, `/api/chats/${chatId}/sessions`, { token: ADMIN_TOKEN });
  return (body as { flowId: string }[])[0]?.flowId ?? "";
}

describe.if(run)("two widgets for two flows on one page", () => {
  it("greets with each widget's welcome message and quick starts before the user types", async () => {
    const faq = await open("Voltra FAQ", "faq");
    await faq.getByText("Ask me anything about the store.").waitFor();
    await faq.getByRole("button", { name: "Do you take Apple Pay?" }).waitFor();
    // The stored language: the widget's own words in Spanish.
    expect(await faq.getByRole("button", { name: "Enviar" }).count()).toBe(1);

    const support = await open("Voltra support", "support");
    await support.getByText("Hello! How can we help?").waitFor();
    await support.getByRole("button", { name: "Talk to a human" }).waitFor();
    expect(await support.locator(".chat-title").textContent()).toBe("Voltra support");
  });

  it("talks to each widget's own flow", async () => {
    const faq = page.locator('[data-switchboard-widget="faq"] iframe').contentFrame();
    await faq.getByRole("button", { name: "Do you take Apple Pay?" }).click();
    await faq.locator(".message.bot").filter({ hasText: "Apple Pay, Google Pay" }).waitFor();

    const support = page.locator('[data-switchboard-widget="support"] iframe').contentFrame();
    await support.getByLabel("Type a message…").fill("Hi there!");
    await support.getByRole("button", { name: "Send" }).click();
    await support.locator(".message.bot").filter({ hasText: "welcome to Voltra Bikes" }).waitFor();

    expect(await flowOfChat("faq")).toBe("faq");
    expect(await flowOfChat("support")).toBe("support");
  });

  it("keeps the page's styles off the launchers, placed on their own sides", async () => {
    const faq = page.getByRole("button", { name: "Voltra FAQ" });
    const support = page.getByRole("button", { name: "Voltra support" });
    expect(await faq.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      "rgb(15, 118, 110)",
    );
    const width = page.viewportSize()?.width ?? 0;
    expect(((await faq.boundingBox())?.x ?? 0) > width / 2).toBe(true);
    expect(((await support.boundingBox())?.x ?? width) < width / 2).toBe(true);
  });
});
