import { createContext, useContext } from "react";
import type { PickList } from "../../core/schema-form.ts";

/** What every field of one form shares: where values go, their messages, names for hints. */
export interface FieldContextValue {
  /** Prefix of element ids, unique per form. */
  idPrefix: string;
  setValue: (pointer: string, value: unknown) => void;
  messagesAt: (pointer: string) => string[];
  /** Names `{{placeholders}}` and expressions may read. */
  names: string[];
  /** What `pick` fields offer: the catalog's models, the flow's knowledge bases. */
  picks: Readonly<Record<PickList, readonly string[]>>;
}

export const FieldContext = createContext<FieldContextValue | undefined>(undefined);

export function useFieldContext(): FieldContextValue {
  const context = useContext(FieldContext);
  if (!context) throw new Error("a field is used outside of a form");
  return context;
}

/** An element id for a pointer, e.g. `inspector-config-intents-0-name`. */
export const fieldId = (prefix: string, pointer: string) =>
  `${prefix}${pointer.replace(/[^A-Za-z0-9_-]/g, "-")}`;
