import { useEffect, useId, useState } from "react";
import type { ChatVersion } from "../../runs/chat-session.ts";
import type { TestingKit } from "../testing/testing-kit.ts";

const NAMED: { value: ChatVersion; label: string }[] = [
  { value: "draft", label: "Draft" },
  { value: "published", label: "Published version" },
  { value: "latest", label: "Latest saved version" },
];

/** Which version of the flow to run: the draft, published, latest, or a numbered one. */
export function VersionPicker({
  kit,
  value,
  onChange,
  disabled,
  label = "Run",
}: {
  kit: TestingKit;
  value: ChatVersion;
  onChange: (version: ChatVersion) => void;
  disabled?: boolean;
  label?: string;
}) {
  const id = useId();
  const [versions, setVersions] = useState<number[]>([]);
  const [failed, setFailed] = useState<string>();

  useEffect(() => {
    let live = true;
    void kit.studio.listVersions(kit.flowId).then((result) => {
      if (!live) return;
      if (result.ok) setVersions(result.data.map((info) => info.version));
      else setFailed(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [kit]);

  return (
    <span className="version-picker">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        disabled={disabled}
        onChange={(event) => {
          const picked = event.target.value;
          onChange(/^\d+$/.test(picked) ? Number(picked) : (picked as ChatVersion));
        }}
      >
        {NAMED.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
        {versions.map((version) => (
          <option key={version} value={String(version)}>
            Version {version}
          </option>
        ))}
      </select>
      {failed && <span className="hint">Saved versions could not be listed: {failed}</span>}
    </span>
  );
}
