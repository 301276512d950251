/** What went wrong, as a `switchboard vllm` command reports it. */
export type VllmErrorCode =
  | "invalid-settings"
  | "engine-unreachable"
  | "no-gpu-support"
  | "pull-failed"
  | "port-in-use"
  | "settings-changed"
  | "start-failed"
  | "container-exited"
  | "readiness-timeout"
  | "no-container"
  | "not-ready";

/**
 * One exit code per failure, so scripts can tell them apart; 1 stays for anything unexpected.
 * The order is the order `vllm up` meets them.
 */
export const vllmExitCodes = {
  "invalid-settings": 2,
  "engine-unreachable": 3,
  "no-gpu-support": 4,
  "pull-failed": 5,
  "port-in-use": 6,
  "settings-changed": 7,
  "start-failed": 8,
  "container-exited": 9,
  "readiness-timeout": 10,
  "no-container": 11,
  "not-ready": 12,
} as const satisfies Record<VllmErrorCode, number>;

const meanings = {
  "invalid-settings": "a flag, environment variable or catalog value is invalid",
  "engine-unreachable": "the Docker engine cannot be reached",
  "no-gpu-support": "the engine has no NVIDIA runtime or GPU support",
  "pull-failed": "the image could not be pulled",
  "port-in-use": "the host port is already in use",
  "settings-changed": "a container of that name exists with other settings (use --force)",
  "start-failed": "the container could not be created or started",
  "container-exited": "the container exited while vLLM was starting",
  "readiness-timeout": "the API did not list the model before the timeout",
  "no-container": "no vLLM container exists (logs, status)",
  "not-ready": "the container exists but the API is not serving the model (status)",
} satisfies Record<VllmErrorCode, string>;

/** The exit codes as help text, for `switchboard vllm --help` and the README. */
export function describeVllmExitCodes(): string {
  const rows = Object.entries(vllmExitCodes).map(
    ([code, exit]) => `  ${String(exit).padStart(2)}  ${meanings[code as VllmErrorCode]}`,
  );
  return ["   0  success", "   1  an unexpected error", ...rows].join("\n");
}

/** A failure of a `switchboard vllm` command: its message says what happened and what to do. */
export class VllmError extends Error {
  override readonly name = "VllmError";

  constructor(
    readonly code: VllmErrorCode,
    message: string,
    /** The container's last log lines, when they explain the failure. */
    readonly logTail: string[] = [],
  ) {
    super(message);
  }

  get exitCode(): number {
    return vllmExitCodes[this.code];
  }
}
