/**
 * A value as indented JSON, as text (never HTML). `undefined` shows as the `empty` words.
 */
export function JsonView({
  value,
  label,
  empty = "—",
}: {
  value: unknown;
  label: string;
  empty?: string;
}) {
  if (value === undefined) return <p className="hint">{empty}</p>;
  return (
    <figure className="json-figure">
      <figcaption className="visually-hidden">{label}</figcaption>
      <pre className="json-view code">{JSON.stringify(value, null, 2)}</pre>
    </figure>
  );
}
