import type { FieldSpec, JsonSchema } from "../../core/schema-form.ts";

/** What a field is given: where its value lives, the value, and how to present it. */
export interface FieldProps<S extends FieldSpec = FieldSpec> {
  pointer: string;
  value: unknown;
  spec: S;
  schema: JsonSchema;
  label: string;
  required: boolean;
  description?: string;
}
