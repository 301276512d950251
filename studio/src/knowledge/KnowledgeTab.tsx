import { navigate } from "../app/use-route.ts";

/** The editor's way to the flow's knowledge screen. */
export function KnowledgeTab({ flowId }: { flowId: string }) {
  return (
    <div className="knowledge-tab">
      <p>
        The FAQ entries this flow answers from live in the database, versioned with the flow: edit
        them, import CSV, JSON or Markdown, and test questions against them.
      </p>
      <button
        type="button"
        className="primary"
        onClick={() => navigate({ screen: "knowledge", flowId })}
      >
        Open the knowledge screen
      </button>
    </div>
  );
}
