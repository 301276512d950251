import type { FlowDiff } from "@switchboard/engine";
import { describeDiff } from "../core/describe-diff.ts";

const SIGNS = { added: "+", removed: "−", changed: "~", moved: "↔" } as const;

/** A diff between two versions, read as sections of added, removed, changed and moved things. */
export function DiffView({ diff }: { diff: FlowDiff }) {
  const sections = describeDiff(diff);
  if (sections.length === 0) return <p className="hint">The two versions are the same.</p>;
  return (
    <section className="diff" aria-label="Differences">
      {sections.map((section) => (
        <section key={section.title}>
          <h3>{section.title}</h3>
          <ul>
            {section.lines.map((line) => (
              <li key={`${line.change}${line.text}`} className={`diff-${line.change}`}>
                <span className="diff-sign" aria-hidden="true">
                  {SIGNS[line.change]}
                </span>
                <span className="visually-hidden">{line.change}: </span> {line.text}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
