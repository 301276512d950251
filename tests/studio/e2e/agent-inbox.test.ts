import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import type { Browser, Page } from "playwright-core";
import {
  chromiumAvailable,
  launchBrowser,
  openStudio,
  type StudioSession,
  signIn,
} from "./studio-harness.ts";

const run = chromiumAvailable("the agent inbox browser tests");
const STEP = 60_000;
const PASSWORD = "a long agent password";

let studio: StudioSession;
let browser: Browser;
let agent: Page;
let customer: Page;
let inviteUrl = "";

beforeAll(async () => {
  if (!run) return;
  // The customer is an anonymous visitor of the web chat, which CLIENT_TOKEN would refuse.
  studio = await openStudio(undefined, { CLIENT_TOKEN: "" });
  browser = await launchBrowser();
  // The agent and the customer each in a browser context of their own: their own cookies and storage.
  agent = await (await browser.newContext()).newPage();
  customer = await (await browser.newContext()).newPage();
}, STEP);

afterAll(async () => {
  await browser?.close();
  await studio?.close();
});

const status = () => customer.getByRole("status");

describe.skipIf(!run)("an agent working a handoff", () => {
  it(
    "is invited by an admin, sets a password and signs in to the inbox",
    async () => {
      const admin = studio.page;
      await signIn(admin, studio.url);
      await admin.goto(`${studio.url}#/users`);
      await admin.getByLabel("Email").fill("nia@example.com");
      await admin.getByLabel("Role", { exact: true }).selectOption("agent");
      await admin.getByRole("button", { name: "Invite" }).click();
      inviteUrl = (await admin.getByLabel("One-time link").textContent()) ?? "";
      expect(inviteUrl).toContain("/studio/#/invite/");

      await agent.goto(inviteUrl);
      await agent.getByLabel("Your name").fill("Nia");
      await agent.getByLabel("Password").fill(PASSWORD);
      await agent.getByRole("button", { name: "Set password" }).click();
      await agent.getByRole("link", { name: "Sign in" }).click();
      await agent.getByLabel("Email").fill("nia@example.com");
      await agent.getByLabel("Password").fill(PASSWORD);
      await agent.getByRole("button", { name: "Sign in", exact: true }).click();
      await agent.getByRole("heading", { name: "Inbox" }).waitFor();
      await agent.getByText("No one is waiting.").waitFor();
    },
    STEP,
  );

  it(
    "lets the admin set the team's canned replies on the server",
    async () => {
      const admin = studio.page;
      await admin.goto(`${studio.url}#/canned-replies`);
      await admin.getByRole("heading", { name: "Canned replies" }).waitFor();
      const replies = admin.getByLabel(/Replies, one a line/);
      await replies.filter({ hasText: "How can I help?" }).waitFor();
      await replies.fill("Hi, this is the Voltra team.\nOne moment while I check, please.");
      await admin.getByRole("button", { name: "Save" }).click();
      await admin.getByRole("status").filter({ hasText: "Saved 2 replies" }).waitFor();
    },
    STEP,
  );

  it(
    "sees a new handoff appear without reloading, claims it and replies; the customer sees the reply live",
    async () => {
      await customer.goto(`${studio.server.url}/`);
      await status().filter({ hasText: "Online" }).waitFor();
      await customer.getByLabel("Message").fill("Can I talk to a real person?");
      await customer.getByRole("button", { name: "Send" }).click();
      await status().filter({ hasText: "Waiting for a person" }).waitFor();

      const item = agent.getByRole("list", { name: "Open handoffs" }).getByRole("button");
      await item.first().waitFor();
      await item.first().click();
      await agent.getByRole("button", { name: "Claim" }).click();
      await agent.locator(".inbox-context").filter({ hasText: "Nia" }).waitFor();
      // Beside the transcript: the customer's recent intents and path, lit on the flow's canvas.
      const context = agent.getByRole("complementary", { name: "Customer context" });
      await context.getByRole("region", { name: "Recent intents" }).getByText("human").waitFor();
      const lit = context.locator(".inbox-path-canvas .react-flow__node.path-visited");
      await lit.first().waitFor();
      expect(await lit.count()).toBeGreaterThan(1);
      await studio.screenshot("agent-inbox-context", agent);
      // The team's canned replies, as the admin saved them.
      await agent.getByRole("button", { name: "One moment while I check, please." }).click();
      expect(await agent.getByRole("textbox", { name: "Reply", exact: true }).inputValue()).toBe(
        "One moment while I check, please.",
      );
      await agent
        .getByRole("textbox", { name: "Reply", exact: true })
        .fill("Hi, this is Nia. How can I help?");
      await agent.getByRole("button", { name: "Send" }).click();

      await customer.getByText("Hi, this is Nia. How can I help?").waitFor();
      await customer.locator(".message.agent .author").filter({ hasText: "Nia" }).waitFor();
      await status().filter({ hasText: "You are talking to Nia" }).waitFor();
    },
    STEP,
  );

  it(
    "keeps the reply, the agent's name and the state after the customer reloads",
    async () => {
      await customer.reload();
      await customer.getByText("Hi, this is Nia. How can I help?").waitFor();
      await customer.locator(".message.agent .author").filter({ hasText: "Nia" }).waitFor();
      await status().filter({ hasText: "You are talking to Nia" }).waitFor();
      // Live again after the reload.
      await agent.getByRole("textbox", { name: "Reply", exact: true }).fill("Are you still there?");
      await agent.getByRole("button", { name: "Send" }).click();
      await customer.getByText("Are you still there?").waitFor();
    },
    STEP,
  );

  it(
    "hands back, and the customer is back with the assistant",
    async () => {
      await agent.getByRole("button", { name: "Hand back" }).click();
      await status().filter({ hasText: "Back with the assistant" }).waitFor();
      await customer.reload();
      await status().filter({ hasText: "Back with the assistant" }).waitFor();
    },
    STEP,
  );

  it(
    "refuses the agent a flow editor URL",
    async () => {
      await agent.goto(`${studio.url}#/flows/support`);
      await agent.getByRole("heading", { name: "Not for your role" }).waitFor();
      const refused = await agent.evaluate(async () => (await fetch("/api/flows/support")).status);
      expect(refused).toBe(403);
    },
    STEP,
  );

  it(
    "shows each step in the audit log",
    async () => {
      const admin = studio.page;
      await admin.goto(`${studio.url}#/audit`);
      await admin.getByRole("heading", { name: "Audit log" }).waitFor();
      const rows = admin.locator(".audit-table tbody tr");
      await rows.filter({ hasText: "handoff.hand_back" }).waitFor();
      const actions = await admin
        .locator(".audit-table tbody tr td:nth-child(3)")
        .allTextContents();
      for (const action of [
        "user.invite",
        "user.join",
        "auth.sign_in",
        "handoff.claim",
        "handoff.reply",
        "handoff.hand_back",
      ])
        expect(actions).toContain(action);
      await studio.screenshot("audit-log");
    },
    STEP,
  );

  it(
    "creates a personal API token shown once, which works until the agent revokes it",
    async () => {
      const asToken = (token: string) =>
        fetch(`${studio.server.url}/api/auth/me`, {
          headers: { authorization: `Bearer ${token}` },
        });
      await agent.goto(`${studio.url}#/inbox`);
      await agent.getByRole("link", { name: "API tokens" }).click();
      await agent.getByRole("heading", { name: "API tokens" }).waitFor();
      await agent.getByLabel("Token name").fill("nightly export");
      await agent.getByRole("button", { name: "Create token" }).click();
      const token = (await agent.getByLabel("New token").textContent()) ?? "";
      expect(token.length).toBeGreaterThan(20);
      expect(((await (await asToken(token)).json()) as { user: { name: string } }).user.name).toBe(
        "Nia",
      );
      await agent.getByRole("cell", { name: "nightly export", exact: true }).waitFor();
      // Shown once: after a reload the token is listed, its secret is not.
      await agent.reload();
      await agent.getByRole("cell", { name: "nightly export", exact: true }).waitFor();
      expect(await agent.getByLabel("New token").count()).toBe(0);
      expect(await agent.content()).not.toContain(token);
      await studio.screenshot("api-tokens", agent);
      await agent.getByRole("button", { name: "Revoke nightly export" }).click();
      await agent.getByText("No tokens yet.").waitFor();
      expect((await asToken(token)).status).toBe(401);
    },
    STEP,
  );
});
