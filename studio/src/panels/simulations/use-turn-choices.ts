import { useMemo } from "react";
import { useEditorSelector } from "../../canvas/use-editor-state.ts";
import { readIntents } from "../../core/intent-edits.ts";
import type { TestingKit } from "../testing/testing-kit.ts";
import type { TurnChoices } from "./TurnForm.tsx";

/** The canvas's intents (of every classify node) and node ids, for a simulation's turns. */
export function useTurnChoices(kit: TestingKit): TurnChoices {
  // Joined, so the selectors' values compare equal while the names stay the same.
  const nodes = useEditorSelector(kit.editor, (s) => s.flow.nodes.map((n) => n.id).join("\n"));
  const intents = useEditorSelector(kit.editor, (s) =>
    [
      ...new Set(
        s.flow.nodes.flatMap((node) =>
          node.type === "classify"
            ? readIntents(node.config.intents).map((intent) => intent.name)
            : [],
        ),
      ),
    ].join("\n"),
  );
  return useMemo(
    () => ({
      nodes: nodes.split("\n").filter(Boolean),
      intents: intents.split("\n").filter(Boolean),
    }),
    [nodes, intents],
  );
}
