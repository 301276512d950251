import { Identifier } from "@switchboard/engine/schema";
import { reservedNodeIds } from "@switchboard/engine/validate";
import { useEffect, useState } from "react";
import { describedBy, FieldMessages } from "./fields/FieldMessages.tsx";

interface NodeIdFieldProps {
  id: string;
  takenIds: ReadonlySet<string>;
  onRename: (next: string) => void;
}

const IDENTIFIER = new RegExp(Identifier.pattern ?? "");

/** Why an id can't be used, or undefined when it can. */
function idProblem(next: string, current: string, taken: ReadonlySet<string>): string | undefined {
  if (!IDENTIFIER.test(next))
    return `An id is made of letters, digits, "_" and "-", starting with a letter or "_".`;
  if (next !== current && taken.has(next)) return `Another node is already called "${next}".`;
  if ((reservedNodeIds as readonly string[]).includes(next))
    return `"${next}" is reserved for the conversation state.`;
  return undefined;
}

/** The node's id: renamed (with its edges and the entry) when the field is left or Enter pressed. */
export function NodeIdField({ id, takenIds, onRename }: NodeIdFieldProps) {
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  const problem = idProblem(text, id, takenIds);
  const commit = () => {
    if (!problem && text !== id) onRename(text);
  };
  const messages = problem ? [problem] : [];
  return (
    <div className="field">
      <label htmlFor="inspector-node-id">Id</label>
      <input
        id="inspector-node-id"
        className="code"
        value={text}
        {...describedBy("inspector-node-id-messages", messages)}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
          if (event.key === "Escape") setText(id);
        }}
      />
      <FieldMessages id="inspector-node-id-messages" messages={messages} />
    </div>
  );
}
