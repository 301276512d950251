import { useId } from "react";

/** Which version a replay runs against, and what its chat model calls get. */
export interface ReplayTargetChoice {
  version: "draft" | number;
  models: "recorded" | "call";
}

/** The version (the draft or a number) and the model answers of a replay. */
export function ReplayTarget({
  value,
  onChange,
}: {
  value: ReplayTargetChoice;
  onChange: (next: ReplayTargetChoice) => void;
}) {
  const versionId = useId();
  const modelsId = useId();
  return (
    <div className="replay-controls">
      <label htmlFor={versionId}>Against</label>
      <input
        id={versionId}
        value={value.version}
        size={6}
        title="draft, or a version number"
        onChange={(event) => {
          const raw = event.target.value.trim();
          onChange({ ...value, version: /^\d+$/.test(raw) ? Number(raw) : "draft" });
        }}
      />
      <label htmlFor={modelsId}>Model answers</label>
      <select
        id={modelsId}
        value={value.models}
        onChange={(event) =>
          onChange({ ...value, models: event.target.value as ReplayTargetChoice["models"] })
        }
      >
        <option value="recorded">Reuse recorded (free)</option>
        <option value="call">Call the model where the prompt changed</option>
      </select>
    </div>
  );
}
