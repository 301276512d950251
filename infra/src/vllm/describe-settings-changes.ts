import type { VllmSettings } from "./vllm-settings.ts";

/**
 * What differs between the settings a container was made with (its label, the token shown as
 * "(set)") and the settings asked for now, as `max model len 8192 → 4096`.
 */
export function describeSettingsChanges(
  previous: Partial<Record<keyof VllmSettings, unknown>>,
  wanted: VllmSettings,
): string {
  const now: Partial<Record<keyof VllmSettings, unknown>> = {
    ...wanted,
    hfToken: wanted.hfToken ? "(set)" : undefined,
  };
  const keys = Object.keys(now) as (keyof VllmSettings)[];
  const changes = keys
    .filter((key) => JSON.stringify(previous[key]) !== JSON.stringify(now[key]))
    .map((key) => `${words(key)} ${show(previous[key])} → ${show(now[key])}`);
  // Same settings with another hash: the token changed, or the container was made by another version.
  return (
    changes.join(", ") || "the same settings, made by another version or with another HF_TOKEN"
  );
}

function words(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
}

function show(value: unknown): string {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return "(none)";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.join(" ");
  if (value && typeof value === "object" && "kind" in value) {
    const { kind, count, ids } = value as { kind: string; count?: number; ids?: string[] };
    return kind === "all" ? "all" : kind === "count" ? String(count) : `device=${ids?.join(",")}`;
  }
  return JSON.stringify(value);
}
