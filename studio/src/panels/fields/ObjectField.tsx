import type { FieldSpec } from "../../core/schema-form.ts";
import { FieldMessages } from "./FieldMessages.tsx";
import { fieldId, useFieldContext } from "./field-context.ts";
import type { FieldProps } from "./field-props.ts";
import { SchemaField } from "./SchemaField.tsx";

type ObjectSpec = Extract<FieldSpec, { kind: "object" }>;

/** An object: its properties one under another, in a group named by its label. */
export function ObjectField({ pointer, value, spec, label, description }: FieldProps<ObjectSpec>) {
  const { idPrefix, messagesAt } = useFieldContext();
  const id = fieldId(idPrefix, pointer);
  const record =
    value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  return (
    <fieldset className="field-object" aria-describedby={`${id}-messages`}>
      <legend>{label}</legend>
      {description && <p className="hint">{description}</p>}
      <FieldMessages id={`${id}-messages`} messages={messagesAt(pointer)} />
      {spec.fields.map((field) => (
        <SchemaField
          key={field.key}
          pointer={`${pointer}/${field.key}`}
          value={record[field.key]}
          spec={field.spec}
          schema={field.schema}
          label={field.label}
          required={field.required}
          description={field.description}
        />
      ))}
    </fieldset>
  );
}
