import type { FieldSpec } from "../../core/schema-form.ts";
import { FieldLabel } from "./FieldLabel.tsx";
import { describedBy, FieldMessages } from "./FieldMessages.tsx";
import { fieldId, useFieldContext } from "./field-context.ts";
import type { FieldProps } from "./field-props.ts";

/** True or false, as a checkbox. */
export function BooleanField({ pointer, value, label, description }: FieldProps) {
  const { idPrefix, setValue, messagesAt } = useFieldContext();
  const id = fieldId(idPrefix, pointer);
  const messages = messagesAt(pointer);
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={value === true}
        {...describedBy(`${id}-messages`, messages)}
        onChange={(event) => setValue(pointer, event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {description && <p className="hint">{description}</p>}
      <FieldMessages id={`${id}-messages`} messages={messages} />
    </div>
  );
}

type SelectSpec = Extract<FieldSpec, { kind: "select" }>;

/** One of a fixed list of values; an optional one can be left unset. */
export function SelectField({
  pointer,
  value,
  spec,
  label,
  required,
  description,
}: FieldProps<SelectSpec>) {
  const { idPrefix, setValue, messagesAt } = useFieldContext();
  const id = fieldId(idPrefix, pointer);
  const messages = messagesAt(pointer);
  const current = typeof value === "string" ? value : "";
  return (
    <div className="field">
      <FieldLabel htmlFor={id} label={label} required={required} />
      <select
        id={id}
        value={current}
        {...describedBy(`${id}-messages`, messages)}
        onChange={(event) => setValue(pointer, event.target.value || undefined)}
      >
        {(!required || !spec.options.includes(current)) && <option value="">(none)</option>}
        {spec.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      {description && <p className="hint">{description}</p>}
      <FieldMessages id={`${id}-messages`} messages={messages} />
    </div>
  );
}
