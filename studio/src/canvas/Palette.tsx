import { type NodeType, nodeDefinitions } from "@switchboard/engine/schema";
import { type ReactNode, useState } from "react";
import { paletteGroups } from "../core/node-metadata.ts";
import { startPaletteDrag } from "./palette-drag.ts";

/**
 * Every node type of the engine's registry, grouped and searchable. Drag an item onto the
 * canvas, or press it (mouse or keyboard) to add the node in free space near the view's centre.
 */
export function Palette({
  onAdd,
  children,
}: {
  onAdd: (type: NodeType) => void;
  /** Shown below the node types (the minimap). */
  children?: ReactNode;
}) {
  const [query, setQuery] = useState("");
  const groups = paletteGroups(query);
  return (
    <aside className="palette" aria-label="Node palette">
      <input
        type="search"
        aria-label="Search node types"
        placeholder="Search node types"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {groups.length === 0 && <p className="empty">No node type matches.</p>}
      {groups.map((group) => (
        <section key={group.category} aria-labelledby={`palette-${group.category}`}>
          <h2 id={`palette-${group.category}`} className="palette-group">
            {group.label}
          </h2>
          <ul>
            {group.types.map((type) => {
              const { label, description } = nodeDefinitions[type];
              return (
                <li key={type}>
                  <button
                    type="button"
                    draggable
                    className={`palette-item category-${group.category}`}
                    data-node-type={type}
                    title={description}
                    aria-label={`Add ${label}`}
                    onDragStart={(event) => startPaletteDrag(event.dataTransfer, type)}
                    onClick={() => onAdd(type)}
                  >
                    <span className="palette-label">{label}</span>
                    <span className="palette-type">{type}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {children}
    </aside>
  );
}
