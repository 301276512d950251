import { IntentsField } from "../intents/IntentsField.tsx";
import { BooleanField, SelectField } from "./ChoiceFields.tsx";
import type { FieldProps } from "./field-props.ts";
import { JsonField } from "./JsonField.tsx";
import { ListField } from "./ListField.tsx";
import { NumberField } from "./NumberField.tsx";
import { ObjectField } from "./ObjectField.tsx";
import { PickField } from "./PickField.tsx";
import { RecordField } from "./RecordField.tsx";
import { TextField } from "./TextField.tsx";

/** The field for a value, chosen by its spec's kind (every kind has one). */
export function SchemaField(props: FieldProps) {
  const { spec } = props;
  switch (spec.kind) {
    case "text":
      return <TextField {...props} spec={spec} />;
    case "number":
      return <NumberField {...props} spec={spec} />;
    case "boolean":
      return <BooleanField {...props} />;
    case "select":
      return <SelectField {...props} spec={spec} />;
    case "pick":
      return <PickField {...props} spec={spec} />;
    case "intents":
      return <IntentsField {...props} />;
    case "list":
      return <ListField {...props} spec={spec} />;
    case "object":
      return <ObjectField {...props} spec={spec} />;
    case "record":
      return <RecordField {...props} spec={spec} />;
    case "json":
      return <JsonField {...props} />;
  }
}
