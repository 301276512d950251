import { useSyncExternalStore } from "react";
import {
  NO_HIGHLIGHT,
  type PathHighlight,
  type PathHighlighter,
} from "../../runs/path-highlight.ts";

const never = () => () => {};
const nothing = () => NO_HIGHLIGHT;

/** The path the canvas lights now; nothing without a highlighter. */
export function usePathHighlight(highlighter: PathHighlighter | undefined): PathHighlight {
  return useSyncExternalStore(highlighter?.subscribe ?? never, highlighter?.getState ?? nothing);
}
