import { type KeyboardEvent, useId, useMemo, useState } from "react";
import type { Editor } from "../core/editor-store.ts";
import { searchNodes } from "../core/node-search.ts";
import { useEditorSelector } from "./use-editor-state.ts";

/**
 * Finds a node by its title, id or any text of its config (a word of a reply, a URL), and
 * jumps to it: arrows move through the matches, Enter or a click shows the chosen one.
 */
export function NodeSearch({ editor, onPick }: { editor: Editor; onPick: (id: string) => void }) {
  const flow = useEditorSelector(editor, (state) => state.flow);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const listId = useId();
  const matches = useMemo(() => searchNodes(flow, query, 12), [flow, query]);
  const open = query.trim() !== "";

  const pick = (id: string) => {
    onPick(id);
    setQuery("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (i + step + matches.length) % Math.max(matches.length, 1));
    } else if (event.key === "Enter") {
      const match = matches[active] ?? matches[0];
      if (match) pick(match.id);
    } else if (event.key === "Escape") setQuery("");
  };

  return (
    <div className="node-search">
      <input
        type="search"
        role="combobox"
        aria-label="Find a node"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        placeholder="Find a node (title, id, text)"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {open && (
        <div id={listId} role="listbox" aria-label="Matching nodes" className="node-search-results">
          {matches.length === 0 && <p className="empty">No node matches.</p>}
          {matches.map((match, i) => (
            <div
              key={match.id}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              onMouseDown={(event) => {
                // Picked before the input loses focus, which would close the list.
                event.preventDefault();
                pick(match.id);
              }}
            >
              <span className="match-title">{match.title}</span>
              <span className="match-where">
                {match.type} · {match.field}: {match.excerpt}
              </span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
