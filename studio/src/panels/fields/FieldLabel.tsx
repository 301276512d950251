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
      {required && (
        <span className="required" aria-hidden="true">
          {" "}
          *
        </span>
      )}
    </label>
  );
}
