/**
 * bun run bench:studio — the studio in Debian's Chromium on a generated 300-node flow: the time
 * from opening the flow to every node drawn, and frame timings while dragging one node and
 * while dragging all of them. Figures, not a test: nothing fails on a slow machine.
 */
import type { Flow } from "@switchboard/engine";
import type { Page } from "playwright-core";
import { ADMIN_TOKEN, openStudio } from "../studio/e2e/studio-harness.ts";

const NODES = Number(process.env.BENCH_NODES ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DRAG_STEPS = 90;

/** A valid flow of `count` nodes on a grid: a chain of replies, every tenth a two-way condition. */
function generatedFlow(count: number): Flow {
  const id = (i: number) => `n${i}`;
  const nodes: Flow["nodes"] = [];
  const edges: Flow["edges"] = [];
  for (let i = 0; i < count; i++) {
    const position = { x: (i % 20) * 300, y: Math.floor(i / 20) * 180 };
    const last = i === count - 1;
    if (last) nodes.push({ id: id(i), type: "end", position, config: { text: "Bye" } });
    else if (i % 10 === 5) {
      nodes.push({
        id: id(i),
        type: "condition",
        position,
        config: { rules: [{ label: "question", when: "intent == 'question'" }] },
      });
      edges.push({ source: id(i), target: id(i + 1), branch: "question" });
      edges.push({ source: id(i), target: id(i + 1), branch: "default" });
    } else {
      nodes.push({
        id: id(i),
        type: "reply",
        position,
        config: { text: `Step ${i}: {{last_message}}` },
      });
      edges.push({ source: id(i), target: id(i + 1) });
    }
  }
  return {
    id: "bench_300",
    name: `Benchmark, ${count} nodes`,
    version: 1,
    entry: id(0),
    language: "en",
    models: ["default"],
    knowledge: [],
    variables: [],
    fallback: "Sorry.",
    nodes,
    edges,
  };
}

/** Milliseconds from the click that opens the flow to the frame in which every node is visible. */
async function timeToRender(page: Page, count: number): Promise<number> {
  await page.evaluate(() => {
    (window as { __opened?: number }).__opened = performance.now();
  });
  await page.getByRole("link", { name: /^Benchmark/ }).click();
  return page.evaluate(
    (expected) =>
      new Promise<number>((resolve) => {
        const opened = (window as { __opened?: number }).__opened ?? 0;
        const check = () => {
          const nodes = document.querySelectorAll<HTMLElement>(".react-flow__node");
          const drawn = [...nodes].filter((node) => node.style.visibility !== "hidden").length;
          if (drawn >= expected) resolve(performance.now() - opened);
          else requestAnimationFrame(check);
        };
        check();
      }),
    count,
  );
}

/** Frame intervals (ms) while the mouse drags from the centre of `selector` by (dx, dy). */
async function dragFrames(page: Page, selector: string): Promise<number[]> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  await page.evaluate(() => {
    const state = window as { __frames?: number[]; __recording?: boolean };
    state.__frames = [];
    state.__recording = true;
    let last = performance.now();
    const tick = (now: number) => {
      state.__frames?.push(now - last);
      last = now;
      if (state.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // The node's centre: at the zoom that fits 300 nodes, a node is a few pixels tall.
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= DRAG_STEPS; step++) {
    await page.mouse.move(x + step * 3, y + Math.sin(step / 8) * 60);
    await page.evaluate(() => new Promise(requestAnimationFrame));
  }
  await page.mouse.up();
  if (!(await page.getByRole("button", { name: "Undo" }).isEnabled()))
    throw new Error("the drag moved no node (it panned the canvas instead)");
  return page.evaluate(() => {
    const state = window as { __frames?: number[]; __recording?: boolean };
    state.__recording = false;
    return (state.__frames ?? []).slice(2);
  });
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

function frameLine(label: string, frames: number[]): string {
  const slow = frames.filter((frame) => frame > 50).length;
  const fps = 1000 / (frames.reduce((a, b) => a + b, 0) / Math.max(1, frames.length));
  return `${label.padEnd(28)} median ${ms(percentile(frames, 50))}  p95 ${ms(percentile(frames, 95))}  max ${ms(Math.max(...frames))}  ≈${fps.toFixed(0)} fps  frames > 50 ms: ${slow}/${frames.length}`;
}

const studio = await openStudio({ width: 1440, height: 900 });
try {
  const flow = generatedFlow(NODES);
  const created = await fetch(`${studio.server.url}/api/flows`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ flow }),
  });
  if (!created.ok) throw new Error(`the generated flow was refused: ${await created.text()}`);
  const { page } = studio;
  await page.addInitScript(
    (token) => sessionStorage.setItem("switchboard.studio.token", token),
    ADMIN_TOKEN,
  );

  console.log(
    `Studio benchmark: ${NODES} nodes, ${flow.edges.length} edges, Chromium at 1440×900\n`,
  );
  const renders: number[] = [];
  const single: number[] = [];
  const all: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await page.goto(studio.url);
    await page.getByRole("row", { name: /^Benchmark/ }).waitFor();
    await page.waitForTimeout(300);
    renders.push(await timeToRender(page, NODES));
    await page.waitForTimeout(300);
    single.push(...(await dragFrames(page, '.react-flow__node[data-id="n0"]')));
    await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+a");
    all.push(...(await dragFrames(page, '.react-flow__node[data-id="n1"]')));
  }
  console.log(
    `open flow → all nodes drawn    ${renders.map(ms).join(", ")}  (median ${ms(percentile(renders, 50))})`,
  );
  console.log(frameLine("drag one node", single));
  console.log(frameLine(`drag all ${NODES} nodes`, all));
  await studio.screenshot("bench-300-nodes");
} finally {
  await studio.close();
}
