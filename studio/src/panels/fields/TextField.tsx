import type { FieldSpec } from "../../core/schema-form.ts";
import { FieldLabel } from "./FieldLabel.tsx";
import { describedBy, FieldMessages } from "./FieldMessages.tsx";
import { fieldId, useFieldContext } from "./field-context.ts";
import type { FieldProps } from "./field-props.ts";
import { NameHints } from "./NameHints.tsx";

type TextSpec = Extract<FieldSpec, { kind: "text" }>;

/** A string: one line, or several for templates and descriptions, with name hints. */
export function TextField({
  pointer,
  value,
  spec,
  label,
  required,
  description,
}: FieldProps<TextSpec>) {
  const { idPrefix, setValue, messagesAt, names } = useFieldContext();
  const id = fieldId(idPrefix, pointer);
  const messages = messagesAt(pointer);
  const text = typeof value === "string" ? value : "";
  const change = (next: string) => setValue(pointer, next === "" && !required ? undefined : next);
  const common = {
    id,
    value: text,
    className: spec.hint === "expression" ? "code" : undefined,
    "aria-required": required,
    ...describedBy(`${id}-messages`, messages),
  };
  return (
    <div className="field">
      <FieldLabel htmlFor={id} label={label} required={required} />
      {spec.multiline ? (
        <textarea {...common} rows={3} onChange={(event) => change(event.target.value)} />
      ) : (
        <input {...common} onChange={(event) => change(event.target.value)} />
      )}
      {description && spec.hint === undefined && <p className="hint">{description}</p>}
      {spec.hint && (
        <NameHints
          kind={spec.hint}
          names={names}
          inputLabel={label}
          onInsert={(name) =>
            change(spec.hint === "template" ? `${text}{{${name}}}` : `${text}${name}`)
          }
        />
      )}
      <FieldMessages id={`${id}-messages`} messages={messages} />
    </div>
  );
}
