import { useEditorSelector } from "../canvas/use-editor-state.ts";
import type { Editor } from "../core/editor-store.ts";

/**
 * Every problem the validator finds, as the user edits. Pressing one selects the node it
 * concerns and brings it into view, or shows the flow's settings for a problem of the flow.
 */
export function ProblemsPanel({
  editor,
  onFocusNode,
  onFocusFlow,
}: {
  editor: Editor;
  onFocusNode: (id: string) => void;
  onFocusFlow: () => void;
}) {
  const problems = useEditorSelector(editor, (state) => state.problems);
  if (problems.length === 0)
    return (
      <p className="no-problems" role="status">
        No problems: the flow validates.
      </p>
    );
  return (
    <ul className="problems" aria-label="Problems">
      {problems.map((problem) => {
        const where = problem.nodeId ?? (problem.path || "flow");
        const key = `${problem.path}|${problem.message}`;
        return (
          <li key={key}>
            <button
              type="button"
              className="problem"
              onClick={() => (problem.nodeId ? onFocusNode(problem.nodeId) : onFocusFlow())}
            >
              <span className="problem-where">{where}</span>
              <span className="problem-message">{problem.message}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
