import { describe, expect, it } from "bun:test";
import { createEditor } from "../../../studio/src/core/editor-store.ts";
import type { FlowDraft } from "../../../studio/src/core/flow-draft.ts";
import { type Layouter, LayoutSuperseded, layoutFlow } from "../../../studio/src/core/layout.ts";
import { sampleFlow } from "./helpers.ts";

/** ELK loads (1.5 MB) and lays out in this thread: seconds on a busy machine. */
const ELK_TIMEOUT = 30_000;

/** Resolves once the editor's state passes `check`. */
function until(editor: ReturnType<typeof createEditor>, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const stop = editor.subscribe(() => {
      if (!check()) return;
      stop();
      resolve();
    });
  });
}

describe("the editor's layout", () => {
  it(
    "opens a flow saved as laid out with its routes, and one placed by hand without",
    async () => {
      const support: FlowDraft = await Bun.file(
        new URL("../../../flows/support.flow.json", import.meta.url),
      ).json();
      const laidOut = createEditor(support);
      await until(laidOut, () => laidOut.getState().routes.size > 0);
      expect(laidOut.getState().routes.size).toBe(support.edges.length);

      let asked = 0;
      const counting: Layouter = (flow, request) => {
        asked++;
        return layoutFlow(flow, request);
      };
      const byHand = createEditor(sampleFlow(), { layouter: counting });
      await until(byHand, () => asked === 1);
      await Bun.sleep(50);
      expect(byHand.getState().routes.size).toBe(0);
    },
    ELK_TIMEOUT,
  );

  it(
    "lays out as one undo step with routes, and changes nothing when a newer layout replaced it",
    async () => {
      const editor = createEditor(sampleFlow());
      const laying = editor.layout();
      expect(editor.getState().layingOut).toBe(true);
      expect(await laying).toBe(true);
      expect(editor.getState().layingOut).toBe(false);
      expect(editor.getState().routes.size).toBe(2);
      expect(editor.getState().flow.nodes[1]?.position).not.toEqual({ x: 300, y: 0 });
      editor.undo();
      expect(editor.getState().flow.nodes[1]?.position).toEqual({ x: 300, y: 0 });

      const superseded = createEditor(sampleFlow(), {
        layouter: () => Promise.reject(new LayoutSuperseded()),
      });
      expect(await superseded.layout()).toBe(false);
      expect(superseded.getState().flow).toEqual(sampleFlow());
    },
    ELK_TIMEOUT,
  );
});
