import type { Locator, Page } from "playwright-core";

/** The node with an id on the canvas. */
export const canvasNode = (page: Page, id: string) =>
  page.locator(`.react-flow__node[data-id="${id}"]`);

async function centerOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("the element is not on screen");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a palette item onto the canvas, `at` pixels from the pane's top-left corner. */
export async function dropFromPalette(page: Page, label: string, at: { x: number; y: number }) {
  await page
    .getByRole("button", { name: `Add ${label}` })
    .dragTo(page.locator(".react-flow__pane"), {
      targetPosition: at,
    });
}

/**
 * Drags with the mouse from one element to another, in steps, as a person would; `offset`
 * shifts the starting point (to grab an edge's end beside the handle that covers it).
 */
export async function dragBetween(page: Page, from: Locator, to: Locator, offset = { x: 0, y: 0 }) {
  const center = await centerOf(from);
  const start = { x: center.x + offset.x, y: center.y + offset.y };
  const end = await centerOf(to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.up();
}

/** Connects a node's output (its plain handle, or a branch's) to another node's input. */
export async function connectNodes(page: Page, source: string, target: string, branch = "@next") {
  await dragBetween(
    page,
    canvasNode(page, source).locator(`.react-flow__handle.source[data-handleid="${branch}"]`),
    canvasNode(page, target).locator(".react-flow__handle.target"),
  );
}

/**
 * Clicks an empty spot of the canvas (its top-left corner, inside the padding zoom to fit
 * leaves; the bottom-left one holds the zoom controls), leaving any field so shortcuts reach
 * the editor.
 */
export async function clickPane(page: Page) {
  await page.locator(".react-flow__pane").click({ position: { x: 12, y: 12 } });
}

/** Waits until the canvas stops moving (zoom to fit animates). */
export async function waitForViewport(page: Page) {
  const viewport = page.locator(".react-flow__viewport");
  let last = "";
  for (let i = 0; i < 50; i++) {
    const transform = await viewport.evaluate((element) => getComputedStyle(element).transform);
    if (transform === last) return;
    last = transform;
    await page.waitForTimeout(80);
  }
}
