import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "../../runtime/server/test-server.ts";

const ROOT = join(import.meta.dir, "..", "..", "..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = join(ROOT, "tests", ".artifacts", "studio");

export { ADMIN_TOKEN };

/**
 * Whether the browser tests run: Debian's Chromium must be installed. Locally they skip with a
 * message when it is missing; in CI (`REQUIRE_CHROMIUM=1`) its absence fails them.
 */
export function chromiumAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.REQUIRE_CHROMIUM === "1")
    throw new Error(`REQUIRE_CHROMIUM is set but ${CHROMIUM} is missing: apt-get install chromium`);
  console.warn(`Skipping ${suite}: no Chromium at ${CHROMIUM} (apt-get install chromium).`);
  return false;
}

/** Offline flags: no first-run UI, no background traffic, no GPU in a container. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A second Chromium, for users beside the studio session's (an agent, a customer). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

let built: Promise<void> | undefined;

/**
 * Builds the studio once per test run (every browser test file shares the build);
 * `SKIP_STUDIO_BUILD=1` reuses `studio/dist` as it is, to iterate on a test.
 */
function buildStudio(): Promise<void> {
  built ??= (async () => {
    const build = Bun.spawn([process.execPath, "run", "build"], {
      cwd: join(ROOT, "studio"),
      stdout: "pipe",
      stderr: "pipe",
    });
    const [code, errors] = await Promise.all([build.exited, new Response(build.stderr).text()]);
    if (code !== 0) throw new Error(`The studio does not build:\n${errors}`);
  })();
  return built;
}

/** A real runtime on a free port, and one Chromium with a fresh profile, for one test file. */
export interface StudioSession {
  server: TestServer;
  context: BrowserContext;
  page: Page;
  /** The studio's URL on the server. */
  url: string;
  /** Saves a screenshot of the studio's page, or of another (a second user's). */
  screenshot(name: string, of?: Page): Promise<void>;
  close(): Promise<void>;
}

/**
 * @param env server settings over the test defaults, e.g. a `FLOWS_DIR` the tests may write to.
 * @param servicesEnv the services' environment, e.g. the WhatsApp channel's settings.
 */
export async function openStudio(
  viewport = { width: 1280, height: 800 },
  env: Record<string, string> = {},
  servicesEnv: Record<string, string> = {},
): Promise<StudioSession> {
  if (!process.env.SKIP_STUDIO_BUILD) await buildStudio();
  const server = await startTestServer(env, undefined, servicesEnv);
  const profile = await mkdtemp(join(tmpdir(), "studio-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads: true,
  });
  // Fail a step with Playwright's own message well before the test's time limit.
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  // The only dialogs are "leave this page?" ones, before a reload with unsaved edits.
  page.on("dialog", (dialog) => void dialog.accept());
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    server,
    context,
    page,
    url: `${server.url}/studio/`,
    screenshot: async (name, of = page) => {
      await of.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    },
    async close() {
      await context.close();
      await server.stop();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Fills the sign-in screen's admin-token form and submits it. */
export async function signInWithToken(page: Page, token: string) {
  const summary = page.getByText("Sign in with the admin token");
  if (!(await page.getByLabel("Admin token").isVisible())) await summary.click();
  await page.getByLabel("Admin token").fill(token);
  await page.getByRole("button", { name: "Sign in with the token" }).click();
}

/** Signs in with the test server's admin token and waits for the flow list. */
export async function signIn(page: Page, url: string) {
  await page.goto(url);
  await signInWithToken(page, ADMIN_TOKEN);
  await page.getByRole("heading", { name: "Flows" }).waitFor();
}
