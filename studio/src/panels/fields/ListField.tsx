import { emptyValue, type FieldSpec, labelOf } from "../../core/schema-form.ts";
import { FieldLegend } from "./FieldLabel.tsx";
import { FieldMessages } from "./FieldMessages.tsx";
import { fieldId, useFieldContext } from "./field-context.ts";
import type { FieldProps } from "./field-props.ts";
import { SchemaField } from "./SchemaField.tsx";

type ListSpec = Extract<FieldSpec, { kind: "list" }>;

/** "intents" → "intent", "quickReplies" → "quick reply": what one item of a list is called. */
function singular(label: string): string {
  const word = label.toLowerCase();
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ses")) return word.slice(0, -2);
  return word.endsWith("s") ? word.slice(0, -1) : word;
}

/**
 * A list: intents with their example utterances, FAQ-style entries, sales slots, rules. Each
 * item is a nested form, with buttons to add, remove and reorder items.
 */
export function ListField({
  pointer,
  value,
  spec,
  label,
  required,
  description,
}: FieldProps<ListSpec>) {
  const { idPrefix, setValue, messagesAt } = useFieldContext();
  const items = Array.isArray(value) ? value : [];
  const id = fieldId(idPrefix, pointer);
  const item = singular(label);
  const scalar = spec.item.kind !== "object";
  const update = (next: unknown[]) =>
    setValue(pointer, next.length === 0 && !required ? undefined : next);
  const move = (from: number, to: number) => {
    const next = [...items];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    update(next);
  };
  const full = spec.maxItems !== undefined && items.length >= spec.maxItems;
  return (
    <fieldset
      className={scalar ? "field-list scalar" : "field-list"}
      aria-describedby={`${id}-messages`}
    >
      <FieldLegend label={label} required={required} />
      {description && <p className="hint">{description}</p>}
      <FieldMessages id={`${id}-messages`} messages={messagesAt(pointer)} />
      <ol>
        {items.map((entry, index) => (
          // Items have no ids of their own; their place is their identity while editing.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index} className="list-item">
            <SchemaField
              pointer={`${pointer}/${index}`}
              value={entry}
              spec={spec.item}
              schema={spec.itemSchema}
              label={scalar ? `${labelOf(item)} ${index + 1}` : `${labelOf(item)} ${index + 1}`}
              required
            />
            <div className="item-actions">
              <button
                type="button"
                aria-label={`Move ${item} ${index + 1} up`}
                disabled={index === 0}
                onClick={() => move(index, index - 1)}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move ${item} ${index + 1} down`}
                disabled={index === items.length - 1}
                onClick={() => move(index, index + 1)}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={`Remove ${item} ${index + 1}`}
                onClick={() => update(items.filter((_, i) => i !== index))}
              >
                ✕
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="add-item"
        disabled={full}
        onClick={() => update([...items, emptyValue(spec.itemSchema)])}
      >
        Add {item}
      </button>
    </fieldset>
  );
}
