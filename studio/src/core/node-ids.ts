import { reservedNodeIds } from "@switchboard/engine/validate";

const RESERVED = new Set<string>(reservedNodeIds);

/**
 * `base` when no node has it, else `base_2`, `base_3`… (ids must stay unique in a flow, and
 * must not be one the conversation state uses).
 *
 * @example
 * uniqueId("reply", new Set(["reply"])) // "reply_2"
 */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]/g, "_").replace(/^[^A-Za-z_]/, "_$&") || "node";
  if (!taken.has(clean) && !RESERVED.has(clean)) return clean;
  const stem = clean.replace(/_\d+$/, "");
  for (let n = 2; ; n++) {
    const candidate = `${stem}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
