import { useId, useMemo, useState } from "react";
import {
  type Intent,
  moveExample,
  pasteExamples,
  readIntents,
  searchExamples,
  setExample,
} from "../../core/intent-edits.ts";
import { FieldLegend } from "../fields/FieldLabel.tsx";
import { FieldMessages } from "../fields/FieldMessages.tsx";
import { fieldId, useFieldContext } from "../fields/field-context.ts";
import type { FieldProps } from "../fields/field-props.ts";
import "./intents.css";

// Rows drawn at once: a node of a thousand examples stays quick to edit; search finds the rest.
const MAX_ROWS = 200;

/**
 * A classify node's intents as two tables: the intents (name, description, how many examples),
 * and their examples, searchable, each movable to another intent; examples are added by pasting
 * them, one per line.
 */
export function IntentsField({ pointer, value, label, required }: FieldProps) {
  const { idPrefix, setValue, messagesAt } = useFieldContext();
  const id = fieldId(idPrefix, pointer);
  const intents = useMemo(() => readIntents(value), [value]);
  const update = (next: Intent[]) => setValue(pointer, next);
  const [query, setQuery] = useState("");
  const found = useMemo(() => searchExamples(intents, query), [intents, query]);
  const total = intents.reduce((sum, intent) => sum + intent.examples.length, 0);
  return (
    <fieldset className="field-intents" aria-describedby={`${id}-messages`}>
      <FieldLegend label={label} required={required} />
      <FieldMessages id={`${id}-messages`} messages={messagesAt(pointer)} />
      <table className="intents-table">
        <thead>
          <tr>
            <th scope="col">Intent</th>
            <th scope="col">What the user wants</th>
            <th scope="col">Examples</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {intents.map((intent, i) => (
            // Intents are edited in place; their position is their identity while editing.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={i}>
              <td>
                <input
                  aria-label={`Name of intent ${i + 1}`}
                  value={intent.name}
                  onChange={(event) =>
                    update(
                      intents.map((it, j) => (j === i ? { ...it, name: event.target.value } : it)),
                    )
                  }
                />
                <FieldMessages
                  id={`${id}-${i}-messages`}
                  messages={[
                    ...messagesAt(`${pointer}/${i}`),
                    ...messagesAt(`${pointer}/${i}/name`),
                    ...messagesAt(`${pointer}/${i}/examples`),
                  ]}
                />
              </td>
              <td>
                <input
                  aria-label={`Description of ${intent.name || `intent ${i + 1}`}`}
                  value={intent.description}
                  onChange={(event) =>
                    update(
                      intents.map((it, j) =>
                        j === i ? { ...it, description: event.target.value } : it,
                      ),
                    )
                  }
                />
              </td>
              <td className="intents-count">{intent.examples.length}</td>
              <td>
                <button
                  type="button"
                  aria-label={`Remove intent ${intent.name || i + 1}`}
                  onClick={() => update(intents.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="add-item"
        onClick={() =>
          update([
            ...intents,
            { name: `intent_${intents.length + 1}`, description: "", examples: [] },
          ])
        }
      >
        Add intent
      </button>

      <h4 className="intents-subheading">Examples</h4>
      <div className="intents-search">
        <input
          type="search"
          aria-label="Search examples"
          placeholder="Search examples or intents"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <span className="hint" role="status">
          {query === "" ? `${total} examples` : `${found.length} of ${total} examples`}
        </span>
      </div>
      <table className="examples-table">
        <thead>
          <tr>
            <th scope="col">Example</th>
            <th scope="col">Intent</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {found.slice(0, MAX_ROWS).map((row) => (
            <tr key={`${row.intent}/${row.example}`}>
              <td>
                <input
                  aria-label={`Example ${row.example + 1} of ${intents[row.intent]?.name}`}
                  title={row.text}
                  value={row.text}
                  onChange={(event) => update(setExample(intents, row, event.target.value))}
                />
              </td>
              <td>
                <select
                  aria-label={`Intent of “${row.text}”`}
                  value={row.intent}
                  onChange={(event) =>
                    update(moveExample(intents, row, Number(event.target.value)))
                  }
                >
                  {intents.map((intent, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: an intent's place is its identity here
                    <option key={i} value={i}>
                      {intent.name || `intent ${i + 1}`}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`Remove the example “${row.text}”`}
                  onClick={() => update(setExample(intents, row, undefined))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {found.length > MAX_ROWS && (
        <p className="hint">
          Showing the first {MAX_ROWS} of {found.length}; search to narrow them down.
        </p>
      )}
      <BulkPaste intents={intents} onPaste={update} />
    </fieldset>
  );
}

/** Examples pasted one per line into an intent, with what was left out and why. */
function BulkPaste({ intents, onPaste }: { intents: Intent[]; onPaste: (next: Intent[]) => void }) {
  const id = useId();
  const [text, setText] = useState("");
  const [target, setTarget] = useState(0);
  const [outcome, setOutcome] = useState<string>();
  const into = Math.min(target, Math.max(0, intents.length - 1));
  function add() {
    const pasted = pasteExamples(intents, into, text);
    onPaste(pasted.intents);
    setText("");
    const name = intents[into]?.name ?? "";
    setOutcome(
      [
        `Added ${pasted.added.length} example${pasted.added.length === 1 ? "" : "s"} to ${name}.`,
        pasted.repeated.length > 0 ? `${pasted.repeated.length} it already had.` : "",
        ...pasted.elsewhere.map(
          ({ example, intent }) => `“${example}” is an example of ${intent} too.`,
        ),
      ]
        .filter(Boolean)
        .join(" "),
    );
  }
  return (
    <div className="intents-paste">
      <label htmlFor={`${id}-text`}>Paste examples, one per line</label>
      <textarea
        id={`${id}-text`}
        rows={4}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="intents-paste-actions">
        <label htmlFor={`${id}-intent`}>into</label>
        <select
          id={`${id}-intent`}
          value={into}
          onChange={(event) => setTarget(Number(event.target.value))}
        >
          {intents.map((intent, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an intent's place is its identity here
            <option key={i} value={i}>
              {intent.name || `intent ${i + 1}`}
            </option>
          ))}
        </select>
        <button type="button" disabled={text.trim() === "" || intents.length === 0} onClick={add}>
          Add examples
        </button>
      </div>
      {outcome && (
        <p className="hint" role="status">
          {outcome}
        </p>
      )}
    </div>
  );
}
