import { useEffect, useState } from "react";
import type { FieldSpec } from "../../core/schema-form.ts";
import { FieldLabel } from "./FieldLabel.tsx";
import { describedBy, FieldMessages } from "./FieldMessages.tsx";
import { fieldId, useFieldContext } from "./field-context.ts";
import type { FieldProps } from "./field-props.ts";

type NumberSpec = Extract<FieldSpec, { kind: "number" }>;

/**
 * A number. The text is kept as typed ("0." on the way to "0.5"); the document gets the number
 * once the text reads as one, and loses the property when the text is cleared.
 */
export function NumberField({
  pointer,
  value,
  spec,
  label,
  required,
  description,
}: FieldProps<NumberSpec>) {
  const { idPrefix, setValue, messagesAt } = useFieldContext();
  const id = fieldId(idPrefix, pointer);
  const shown = typeof value === "number" ? String(value) : "";
  const [text, setText] = useState(shown);
  // An undo, or another edit of the same value, replaces what was typed.
  useEffect(() => {
    setText((typed) => (Number(typed) === value && typed.trim() !== "" ? typed : shown));
  }, [shown, value]);
  const local = text.trim() !== "" && Number.isNaN(Number(text)) ? ["Enter a number."] : [];
  const messages = [...local, ...messagesAt(pointer)];
  return (
    <div className="field">
      <FieldLabel htmlFor={id} label={label} required={required} />
      <input
        id={id}
        type="text"
        inputMode={spec.integer ? "numeric" : "decimal"}
        aria-required={required}
        value={text}
        {...describedBy(`${id}-messages`, messages)}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          if (next.trim() === "") setValue(pointer, undefined);
          else if (!Number.isNaN(Number(next))) setValue(pointer, Number(next));
        }}
      />
      <p className="hint">{[description, rangeOf(spec)].filter(Boolean).join(" ")}</p>
      <FieldMessages id={`${id}-messages`} messages={messages} />
    </div>
  );
}

function rangeOf({ minimum, maximum, integer }: NumberSpec): string {
  const kind = integer ? "A whole number" : "A number";
  if (minimum !== undefined && maximum !== undefined)
    return `${kind} from ${minimum} to ${maximum}.`;
  if (minimum !== undefined) return `${kind}, at least ${minimum}.`;
  if (maximum !== undefined) return `${kind}, at most ${maximum}.`;
  return "";
}
