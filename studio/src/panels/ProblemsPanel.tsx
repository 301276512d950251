import { useEditorState } from "../canvas/use-editor-state.ts";
import type { Editor } from "../core/editor-store.ts";

/**
 * Every problem the validator finds, as the user edits. Pressing one selects the node it
 * concerns and brings it into view.
 */
export function ProblemsPanel({
  editor,
  onFocusNode,
}: {
  editor: Editor;
  onFocusNode: (id: string) => void;
}) {
  const { problems } = useEditorState(editor);
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
            {problem.nodeId ? (
              <button
                type="button"
                className="problem"
                onClick={() => onFocusNode(problem.nodeId ?? "")}
              >
                <span className="problem-where">{where}</span>
                <span className="problem-message">{problem.message}</span>
              </button>
            ) : (
              <div className="problem">
                <span className="problem-where">{where}</span>
                <span className="problem-message">{problem.message}</span>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
