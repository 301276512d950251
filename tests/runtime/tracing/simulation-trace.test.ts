import { afterAll, beforeAll, describe, expect, it } from "bun:test";
import { join } from "node:path";
import { loadFlowFile, runSimulations, type Simulation } from "@switchboard/engine";
import { createTracing } from "../../../runtime/src/tracing/tracing.ts";
import { type OtlpReceiver, startOtlpReceiver } from "../../stand-ins/otlp-receiver.ts";
import { type SpanNode, traceTree, tracingEnv } from "./traced-support-chat.ts";

const root = join(import.meta.dir, "..", "..", "..");

let receiver: OtlpReceiver;

beforeAll(() => {
  receiver = startOtlpReceiver();
});

afterAll(() => receiver.stop());

const simulations: Simulation[] = [
  {
    name: "Sunday hours",
    models: ["local"],
    turns: [
      { user: "Are you open on Sunday?", expect: { visited: ["classify", "faq"] } },
      { user: "Can I return a bike?", expect: { intent: "question" } },
    ],
  },
  {
    name: "A wrong expectation",
    models: ["local"],
    turns: [{ user: "Are you open on Sunday?", expect: { intent: "buy" } }],
  },
];

describe("tracing simulations", () => {
  it("sends each simulation run as a trace with its turns, scored pass or fail", async () => {
    const tracing = await createTracing(tracingEnv(receiver));
    const loaded = await loadFlowFile(join(root, "flows/support.flow.json"));
    const { outcomes } = await runSimulations(loaded, simulations, tracing.watchSimulation);
    await tracing.shutdown();

    expect(outcomes.map((outcome) => outcome.passed)).toEqual([true, false]);
    expect(receiver.scores.map(({ name, value, dataType }) => [name, value, dataType])).toEqual([
      ["simulation_passed", 1, "BOOLEAN"],
      ["simulation_passed", 0, "BOOLEAN"],
    ]);
    const [passed, failed] = receiver.scores.map((score) =>
      traceTree(receiver.spans, score.traceId as string),
    ) as [SpanNode, SpanNode];
    expect(passed.name).toBe("support: Sunday hours");
    expect(passed.attributes["langfuse.trace.name"]).toBe("support: Sunday hours");
    expect(passed.attributes["langfuse.trace.tags"]).toEqual([
      "simulation",
      "flow:support",
      "model:local",
    ]);
    expect(passed.attributes["session.id"]).toBe(failed.attributes["session.id"]);
    expect(passed.children.map((turn) => turn.name)).toEqual(["turn 1", "turn 2"]);
    const firstTurn = passed.children[0] as SpanNode;
    expect(firstTurn.attributes["langfuse.observation.input"]).toBe("Are you open on Sunday?");
    expect(firstTurn.children.map((node) => node.name)).toEqual(["classify", "faq"]);
    expect(failed.attributes["langfuse.observation.level"]).toBe("ERROR");
    expect(receiver.scores[1]?.comment).toStartWith("turn 1:");
  });
});

describe("switchboard simulate --trace", () => {
  async function simulate(env: Record<string, string>) {
    const child = Bun.spawn(
      [
        process.execPath,
        "runtime/src/cli.ts",
        "simulate",
        "flows/faq.flow.json",
        "--trace",
        "--json",
      ],
      {
        cwd: root,
        stdout: "pipe",
        stderr: "pipe",
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      },
    );
    const [stdout, stderr, code] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ]);
    return { stdout, stderr, code };
  }

  it("traces every simulation of the flow and scores it", async () => {
    receiver.scores.length = 0;
    const { stdout, stderr, code } = await simulate(tracingEnv(receiver));
    expect(code).toBe(0);
    const { passed } = JSON.parse(stdout) as { passed: number };
    expect(receiver.scores).toHaveLength(passed);
    expect(receiver.scores.every((score) => score.value === 1)).toBe(true);
    expect(stderr).toContain(`Traced ${passed} simulation runs in Langfuse`);
  });

  it("exits 2 and says what to set when Langfuse is not configured", async () => {
    const { stderr, code } = await simulate({});
    expect(code).toBe(2);
    expect(stderr).toContain("LANGFUSE_PUBLIC_KEY");
  });
});
