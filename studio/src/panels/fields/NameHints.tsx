interface NameHintsProps {
  kind: "template" | "expression";
  names: string[];
  inputLabel: string;
  onInsert: (name: string) => void;
}

/** The names a template or expression may read; pressing one inserts it (`{{name}}` in templates). */
export function NameHints({ kind, names, inputLabel, onInsert }: NameHintsProps) {
  return (
    <div className="name-hints">
      <span className="hint">{kind === "template" ? "Insert {{variable}}:" : "Names:"}</span>
      {names.map((name) => (
        <button
          key={name}
          type="button"
          className="chip"
          aria-label={`Insert ${name} into ${inputLabel}`}
          onClick={() => onInsert(name)}
        >
          {kind === "template" ? `{{${name}}}` : name}
        </button>
      ))}
    </div>
  );
}
