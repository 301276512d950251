/** The validator's messages about one field, linked to it by `id` (its aria-describedby). */
export function FieldMessages({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="field-messages">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/** The attributes that tie an input to its messages. */
export function describedBy(id: string, messages: string[]) {
  return messages.length > 0
    ? { "aria-invalid": true as const, "aria-describedby": id }
    : { "aria-invalid": false as const };
}
