import { useEffect, useState } from "react";
import { describedBy, FieldMessages } from "./FieldMessages.tsx";
import { fieldId, useFieldContext } from "./field-context.ts";
import type { FieldProps } from "./field-props.ts";

const show = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

/** A value of any type (a variable's default), written as JSON and read back when it parses. */
export function JsonField({ pointer, value, label, description }: FieldProps) {
  const { idPrefix, setValue, messagesAt } = useFieldContext();
  const id = fieldId(idPrefix, pointer);
  const [text, setText] = useState(show(value));
  const [error, setError] = useState<string>();
  // An undo replaces what was typed; typing that parses to the same value is left alone.
  useEffect(() => {
    setText((typed) => (sameJson(typed, value) ? typed : show(value)));
  }, [value]);
  const messages = [...(error ? [error] : []), ...messagesAt(pointer)];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="code"
        value={text}
        {...describedBy(`${id}-messages`, messages)}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim() === "") {
            setError(undefined);
            return setValue(pointer, undefined);
          }
          try {
            setValue(pointer, JSON.parse(event.target.value));
            setError(undefined);
          } catch {
            setError('Not JSON yet: write a value such as 0, "text", [] or {}.');
          }
        }}
      />
      {description && <p className="hint">{description}</p>}
      <FieldMessages id={`${id}-messages`} messages={messages} />
    </div>
  );
}
