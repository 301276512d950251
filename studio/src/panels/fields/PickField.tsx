import type { FieldSpec } from "../../core/schema-form.ts";
import { FieldLabel } from "./FieldLabel.tsx";
import { describedBy, FieldMessages } from "./FieldMessages.tsx";
import { fieldId, useFieldContext } from "./field-context.ts";
import type { FieldProps } from "./field-props.ts";

type PickSpec = Extract<FieldSpec, { kind: "pick" }>;

const WHAT: Record<PickSpec["of"], { none: string; missing: string }> = {
  model: { none: "(the flow's first model)", missing: "not in the model catalog" },
  knowledge: { none: "(none)", missing: "not a knowledge base of this flow" },
};

/**
 * A name picked from what exists — the runtime's model catalog, the flow's knowledge bases —
 * rather than typed. A name that is not (or not yet) in the list stays, marked as such; until
 * the list is known the field is a text box.
 */
export function PickField({
  pointer,
  value,
  spec,
  label,
  required,
  description,
}: FieldProps<PickSpec>) {
  const { idPrefix, setValue, messagesAt, picks } = useFieldContext();
  const id = fieldId(idPrefix, pointer);
  const messages = messagesAt(pointer);
  const current = typeof value === "string" ? value : "";
  const options = picks[spec.of];
  const change = (next: string) => setValue(pointer, next === "" && !required ? undefined : next);
  const common = { id, value: current, ...describedBy(`${id}-messages`, messages) };
  return (
    <div className="field">
      <FieldLabel htmlFor={id} label={label} required={required} />
      {options.length === 0 ? (
        <input {...common} onChange={(event) => change(event.target.value)} />
      ) : (
        <select {...common} onChange={(event) => change(event.target.value)}>
          {(!required || current === "") && <option value="">{WHAT[spec.of].none}</option>}
          {current !== "" && !options.includes(current) && (
            <option value={current}>
              {current} ({WHAT[spec.of].missing})
            </option>
          )}
          {options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      )}
      {description && <p className="hint">{description}</p>}
      <FieldMessages id={`${id}-messages`} messages={messages} />
    </div>
  );
}
