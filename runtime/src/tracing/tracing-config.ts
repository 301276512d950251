/** What the optional masking setting can redact in traced content, besides secrets. */
export type MaskKind = "emails" | "phones";

/** Langfuse settings, read from the SDK's own environment variables. */
export interface TracingConfig {
  publicKey: string;
  secretKey: string;
  /** The Langfuse server, without a trailing slash. */
  baseUrl: string;
  /** Langfuse's environment dimension: lowercase letters, digits, `-` and `_`. */
  environment: string;
  release?: string;
  mask: MaskKind[];
  /** Spans held while Langfuse is slow or down; past this the oldest are dropped. */
  maxQueueSize: number;
  /** Spans sent in one request. */
  maxExportBatchSize: number;
  /** How long a span waits for a batch to fill before it is sent anyway. */
  scheduledDelayMillis: number;
  /** How long one export request may take before it counts as failed. */
  exportTimeoutMillis: number;
}

/** A Langfuse setting that can't be used; the message names the variable. */
export class TracingConfigError extends Error {
  override readonly name = "TracingConfigError";
}

const MASK_KINDS: Record<string, MaskKind> = {
  email: "emails",
  emails: "emails",
  phone: "phones",
  phones: "phones",
};

/** Langfuse refuses other environment names (and reserves the `langfuse` prefix). */
const ENVIRONMENT = /^(?!langfuse)[a-z0-9_-]{1,40}$/;

type Env = Record<string, string | undefined>;

function positiveInteger(env: Env, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new TracingConfigError(`${name} must be a whole number above 0, got "${text}".`);
  return value;
}

/** A setting in seconds, as the SDK takes it; returned in milliseconds. */
function positiveSeconds(env: Env, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback * 1000;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new TracingConfigError(`${name} must be a number of seconds above 0, got "${text}".`);
  return value * 1000;
}

function readMask(text: string | undefined): MaskKind[] {
  const kinds = new Set<MaskKind>();
  for (const item of (text ?? "").split(",")) {
    const name = item.trim().toLowerCase();
    if (!name) continue;
    const kind = MASK_KINDS[name];
    if (!kind)
      throw new TracingConfigError(
        `LANGFUSE_MASK lists "${name}"; it takes a comma-separated list of emails and phones.`,
      );
    kinds.add(kind);
  }
  return [...kinds];
}

/**
 * Reads the Langfuse settings. Tracing is off (null) when neither key is set; one key without
 * the other is a mistake worth stopping for rather than silently tracing nothing.
 *
 * @throws TracingConfigError naming the variable that is missing or malformed.
 * @example
 * const config = readTracingConfig(process.env); // null: tracing is off
 */
export function readTracingConfig(env: Env = process.env): TracingConfig | null {
  const publicKey = env.LANGFUSE_PUBLIC_KEY?.trim();
  const secretKey = env.LANGFUSE_SECRET_KEY?.trim();
  if (!publicKey && !secretKey) return null;
  if (!publicKey || !secretKey)
    throw new TracingConfigError(
      `${publicKey ? "LANGFUSE_SECRET_KEY" : "LANGFUSE_PUBLIC_KEY"} is not set, but ${publicKey ? "LANGFUSE_PUBLIC_KEY" : "LANGFUSE_SECRET_KEY"} is: set both to trace in Langfuse, or neither.`,
    );
  // LANGFUSE_HOST is the earlier SDKs' (and chatbot templates') name; without it, their setups
  // would trace to the cloud. The SDK's default: Langfuse Cloud (EU).
  const urlSetting = env.LANGFUSE_BASE_URL?.trim() ? "LANGFUSE_BASE_URL" : "LANGFUSE_HOST";
  const baseUrl = (env[urlSetting]?.trim() || "https://cloud.langfuse.com").replace(/\/+$/, "");
  if (!URL.canParse(baseUrl) || !/^https?:/.test(baseUrl))
    throw new TracingConfigError(`${urlSetting} must be an http(s) URL, got "${baseUrl}".`);
  const environment = env.LANGFUSE_TRACING_ENVIRONMENT?.trim() || "default";
  if (!ENVIRONMENT.test(environment))
    throw new TracingConfigError(
      `LANGFUSE_TRACING_ENVIRONMENT must be up to 40 lowercase letters, digits, "-" or "_" (not starting with "langfuse"), got "${environment}".`,
    );
  const maxQueueSize = positiveInteger(env, "LANGFUSE_MAX_QUEUE_SIZE", 2048);
  return {
    publicKey,
    secretKey,
    baseUrl,
    environment,
    release: env.LANGFUSE_RELEASE?.trim() || undefined,
    mask: readMask(env.LANGFUSE_MASK),
    maxQueueSize,
    maxExportBatchSize: Math.min(positiveInteger(env, "LANGFUSE_FLUSH_AT", 512), maxQueueSize),
    scheduledDelayMillis: positiveSeconds(env, "LANGFUSE_FLUSH_INTERVAL", 1),
    exportTimeoutMillis: positiveSeconds(env, "LANGFUSE_TIMEOUT", 5),
  };
}
