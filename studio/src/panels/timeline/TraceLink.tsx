/** A link to a recorded turn's trace in Langfuse, in a new tab; only web addresses are linked. */
export function TraceLink({ url, turn }: { url: string; turn?: number }) {
  if (!/^https?:\/\//.test(url)) return null;
  return (
    <a
      className="trace-link"
      href={url}
      target="_blank"
      rel="noreferrer"
      aria-label={turn === undefined ? "Trace in Langfuse" : `Trace of turn ${turn} in Langfuse`}
    >
      Trace
    </a>
  );
}
