import { describe, expect, it } from "bun:test";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dir, "..", "..");

/** Runs `switchboard <args>` as a user would, from the repository root. */
async function switchboard(args: string[], stdin?: string) {
  const child = Bun.spawn([process.execPath, "runtime/src/cli.ts", ...args], {
    cwd: root,
    stdin: stdin === undefined ? "ignore" : new Blob([stdin]),
    stdout: "pipe",
    stderr: "pipe",
    env: { ...process.env, MODELS_FILE: "" },
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { stdout, stderr, code };
}

describe("switchboard CLI", () => {
  it("validates the example flows", async () => {
    const { stdout, code } = await switchboard([
      "validate",
      "flows/support.flow.json",
      "flows/faq.flow.json",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("✓ flows/support.flow.json");
  });

  it("reports every problem of a broken flow with its location and exits 1", async () => {
    const dir = await mkdtemp(join(tmpdir(), "switchboard-cli-"));
    const broken = join(dir, "broken.flow.json");
    await writeFile(
      broken,
      JSON.stringify({
        id: "broken",
        name: "Broken",
        version: 1,
        entry: "start",
        nodes: [
          { id: "start", type: "reply", config: { text: "Hi {{nobody}}" } },
          { id: "lost", type: "teleport", config: {} },
        ],
        edges: [{ source: "start", target: "missing" }],
      }),
    );
    const malformed = join(dir, "malformed.flow.json");
    await writeFile(malformed, '{\n  "id": "x",\n  "name": \n}');
    const { stdout, code } = await switchboard(["validate", broken, malformed]);
    expect(code).toBe(1);
    expect(stdout).toContain(`Unknown node type "teleport"`);
    expect(stdout).toContain("/edges/0/target");
    expect(stdout).toContain("nobody");
    expect(stdout).toMatch(/line 4, column 1/);
  });

  it("reports each classify node's intents with --nlu and passes the example flow", async () => {
    const { stdout, code } = await switchboard(["validate", "--nlu", "flows/support.flow.json"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/✓ classify: intent accuracy \d+% \(minimum 70%\)/);
    expect(stdout).toMatch(/question\s+31\s+\d+%/);
    expect(stdout).toContain("5-fold cross-validation");
  });

  it("exits 1 under --min-accuracy, naming the confused pair with its messages", async () => {
    const dir = await mkdtemp(join(tmpdir(), "switchboard-cli-"));
    const flow = join(dir, "shop.flow.json");
    const hours = [
      "when do you open",
      "what time do you close",
      "are you open on sundays",
      "opening hours please",
      "until when are you open today",
      "are you open tomorrow",
    ];
    const intent = (name: string, examples: string[]) => ({ name, description: name, examples });
    await writeFile(
      flow,
      JSON.stringify({
        id: "shop",
        name: "Shop",
        version: 1,
        entry: "classify",
        nodes: [
          {
            id: "classify",
            type: "classify",
            config: {
              threshold: 0.45,
              intents: [
                intent(
                  "hours",
                  hours.filter((_, i) => i % 2 === 0),
                ),
                intent(
                  "schedule",
                  hours.filter((_, i) => i % 2 === 1),
                ),
                intent("refund", [
                  "I want my money back",
                  "refund please",
                  "how do I get a refund",
                  "can I return this",
                  "give me a refund",
                ]),
              ],
            },
          },
          { id: "done", type: "end", config: {} },
        ],
        edges: ["hours", "schedule", "refund", "fallback"].map((branch) => ({
          source: "classify",
          target: "done",
          branch,
        })),
      }),
    );
    const failed = await switchboard(["validate", "--nlu", "--min-accuracy", "0.95", flow]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/✗ classify: intent accuracy \d+% \(minimum 95%\)/);
    expect(failed.stdout).toContain("Confused: hours ↔ schedule");
    expect(failed.stdout).toContain("fewer than 5 examples");
    const loose = await switchboard(["validate", "--nlu", "--min-accuracy", "0", flow]);
    expect(loose.code).toBe(0);
    const wrong = await switchboard(["validate", "--nlu", "--min-accuracy", "1.5", flow]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--min-accuracy must be between 0 and 1");
  }, 30_000);

  it("runs a flow's simulations and prints the table with coverage", async () => {
    const { stdout, code } = await switchboard(["simulate", "flows/faq.flow.json"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/faq\s+.+\s+local\s+\d+\s+pass/);
    expect(stdout).toContain("Coverage");
    expect(stdout).toMatch(/\d+ passed, 0 failed/);
  });

  it("prints simulation results as JSON and exits 1 when one fails", async () => {
    const dir = await mkdtemp(join(tmpdir(), "switchboard-cli-"));
    const flow = join(dir, "hello.flow.json");
    await writeFile(
      flow,
      JSON.stringify({
        id: "hello",
        name: "Hello",
        version: 1,
        entry: "hi",
        nodes: [{ id: "hi", type: "reply", config: { text: "Hello there" } }],
        edges: [],
      }),
    );
    await writeFile(
      join(dir, "hello.simulations.json"),
      JSON.stringify({
        flow: "hello",
        simulations: [
          { name: "greets", turns: [{ user: "hi", expect: { reply: { contains: ["Hello"] } } }] },
          { name: "wrong", turns: [{ user: "hi", expect: { reply: { contains: ["Goodbye"] } } }] },
        ],
      }),
    );
    const { stdout, code } = await switchboard(["simulate", flow, "--json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.passed).toBe(1);
    expect(report.failed).toBe(1);
    const wrong = report.reports[0].outcomes.find(
      (o: { simulation: string }) => o.simulation === "wrong",
    );
    expect(wrong.firstMismatch).toContain('reply should contain "Goodbye"');
  });

  it("holds a conversation in the terminal", async () => {
    const { stdout, code } = await switchboard(
      ["chat", "flows/support.flow.json"],
      "what time do you open on saturday?\ncan I talk to a person\n/agent Hi, Sam here\n/handback\n/quit\n",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("Saturday");
    expect(stdout).toContain("(handoff open");
    expect(stdout).toContain("agent › Hi, Sam here");
    expect(stdout).toContain("(handoff resolved");
  });

  it("answers every piped line, then leaves at the end of the input", async () => {
    // The Portuguese flow's first turn trains its models, so the input ends while it runs.
    const { stdout, stderr, code } = await switchboard(
      ["chat", "flows/suporte.flow.json"],
      "bom dia\nqual o horario de vcs no domingo?\nquero falar com um atendente\n",
    );
    expect(stderr).not.toContain("readline was closed");
    expect(code).toBe(0);
    expect(stdout).toContain("domingo");
    expect(stdout).toContain("(handoff open");
  });

  it("explains each command with --help", async () => {
    const { stdout, code } = await switchboard(["simulate", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--json");
  });
});
