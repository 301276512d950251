import type { FlowProblem } from "../errors.ts";
import { pointerSegment } from "./json-pointer.ts";

/** Far deeper than any flow (a node's config nests a few levels), far shallower than the stack. */
const MAX_DOCUMENT_DEPTH = 64;

/**
 * The first place a document nests objects and arrays more than {@link MAX_DOCUMENT_DEPTH}
 * levels deep, as a problem; undefined when it does not. Walks with its own stack, so the checks
 * after it (which recurse) never meet a document deep enough to overflow the call stack.
 */
export function documentDepthProblem(document: unknown): FlowProblem | undefined {
  const pending: { value: unknown; depth: number; path: string }[] = [
    { value: document, depth: 1, path: "" },
  ];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, depth, path } = item;
    if (value === null || typeof value !== "object") continue;
    if (depth > MAX_DOCUMENT_DEPTH)
      return {
        path,
        message: `The flow document is nested more than ${MAX_DOCUMENT_DEPTH} levels deep; a flow needs far fewer.`,
      };
    for (const [key, child] of Object.entries(value))
      pending.push({ value: child, depth: depth + 1, path: `${path}/${pointerSegment(key)}` });
  }
  return undefined;
}
