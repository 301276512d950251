import type { LucideIcon } from "lucide-react";
import { type KeyboardEvent, type ReactNode, useId } from "react";

/** One tab of the side panel. The chat, simulations, timeline and inbox panels join as tabs. */
export interface PanelTab {
  id: string;
  label: string;
  /** The tab shows as this icon (its label is its name and tooltip), so ten fit on one row. */
  icon: LucideIcon;
  /** A count shown on the icon, e.g. the number of problems. */
  count?: number;
  content: ReactNode;
}

interface SidePanelProps {
  tabs: PanelTab[];
  active: string;
  onSelect: (id: string) => void;
}

/** The right-hand panel: tabs over one content area, keyboard-navigable as an ARIA tab list. */
export function SidePanel({ tabs, active, onSelect }: SidePanelProps) {
  const prefix = useId();
  const current = tabs.find((tab) => tab.id === active) ?? tabs[0];
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.id === current?.id);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (next) onSelect(next.id);
  };
  return (
    <aside className="side-panel" aria-label="Side panel">
      <div role="tablist" aria-label="Panels" className="tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${prefix}-tab-${tab.id}`}
            aria-selected={tab.id === current?.id}
            aria-controls={`${prefix}-panel`}
            tabIndex={tab.id === current?.id ? 0 : -1}
            aria-label={tab.label}
            title={tab.label}
            onClick={() => onSelect(tab.id)}
          >
            <tab.icon aria-hidden="true" size={18} />
            {tab.count ? <span className="tab-count">{tab.count}</span> : null}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${prefix}-panel`}
        aria-labelledby={`${prefix}-tab-${current?.id}`}
        className="tab-content"
      >
        {/* The tab's name, shown since the tab itself is an icon (the panel is labelled by it). */}
        <div className="tab-title" aria-hidden="true">
          {current?.label}
        </div>
        {current?.content}
      </div>
    </aside>
  );
}
