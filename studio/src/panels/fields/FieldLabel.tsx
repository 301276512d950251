/** The asterisk of a required field, which screen readers skip (the field says it is required). */
function RequiredMark({ required }: { required?: boolean }) {
  return required ? (
    <span className="required" aria-hidden="true">
      {" "}
      *
    </span>
  ) : null;
}

/** A field's label, marking a required field with an asterisk that screen readers skip. */
export function FieldLabel({
  htmlFor,
  label,
  required,
}: {
  htmlFor: string;
  label: string;
  required?: boolean;
}) {
  return (
    <label htmlFor={htmlFor}>
      {label}
      <RequiredMark required={required} />
    </label>
  );
}

/** The legend of a field made of several inputs (a list, the intents table), marked like a label. */
export function FieldLegend({ label, required }: { label: string; required?: boolean }) {
  return (
    <legend>
      {label}
      <RequiredMark required={required} />
    </legend>
  );
}
