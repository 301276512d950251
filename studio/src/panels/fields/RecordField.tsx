import type { FieldSpec } from "../../core/schema-form.ts";
import { FieldMessages } from "./FieldMessages.tsx";
import { fieldId, useFieldContext } from "./field-context.ts";
import type { FieldProps } from "./field-props.ts";

type RecordSpec = Extract<FieldSpec, { kind: "record" }>;

/** Names with text values, such as HTTP headers: one row per entry. */
export function RecordField({ pointer, value, label, description }: FieldProps<RecordSpec>) {
  const { idPrefix, setValue, messagesAt } = useFieldContext();
  const id = fieldId(idPrefix, pointer);
  const entries = Object.entries(
    value !== null && typeof value === "object" ? (value as Record<string, string>) : {},
  );
  const update = (next: [string, string][]) =>
    setValue(pointer, next.length === 0 ? undefined : Object.fromEntries(next));
  return (
    <fieldset className="field-record" aria-describedby={`${id}-messages`}>
      <legend>{label}</legend>
      {description && <p className="hint">{description}</p>}
      <FieldMessages id={`${id}-messages`} messages={messagesAt(pointer)} />
      {entries.map(([key, text], index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row is known by its place while its name is typed
        <div key={index} className="record-row">
          <input
            aria-label={`${label} name ${index + 1}`}
            value={key}
            onChange={(event) =>
              update(entries.map((e, i) => (i === index ? [event.target.value, e[1]] : e)))
            }
          />
          <input
            aria-label={`${label} value ${index + 1}`}
            value={text}
            onChange={(event) =>
              update(entries.map((e, i) => (i === index ? [e[0], event.target.value] : e)))
            }
          />
          <button
            type="button"
            aria-label={`Remove ${label} ${index + 1}`}
            onClick={() => update(entries.filter((_, i) => i !== index))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className="add-item"
        onClick={() => update([...entries, [`name${entries.length + 1}`, ""]])}
      >
        Add entry
      </button>
    </fieldset>
  );
}
