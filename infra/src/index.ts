/**
 * @module
 * Deployment helpers: `switchboard vllm` runs the vLLM OpenAI-compatible server in Docker through
 * dockerode. The runtime's CLI calls these; nothing here imports the runtime.
 */
export { catalogSettingsLayer } from "./vllm/catalog-settings-layer.ts";
export { checkDockerEngine } from "./vllm/check-docker-engine.ts";
export { connectDocker } from "./vllm/connect-docker.ts";
export { demuxDockerLogs } from "./vllm/container-logs.ts";
export { diagnoseVllmLogs, type VllmDiagnosis } from "./vllm/diagnose-vllm-logs.ts";
export { PullProgress } from "./vllm/pull-progress.ts";
export { resolveVllmSettings } from "./vllm/resolve-vllm-settings.ts";
export {
  envSettingsLayer,
  flagSettingsLayer,
  type VllmSettingsLayer,
} from "./vllm/settings-layers.ts";
export { vllmContainerSpec, vllmLabels } from "./vllm/vllm-container-spec.ts";
export { vllmDown } from "./vllm/vllm-down.ts";
export { describeVllmExitCodes, VllmError, vllmExitCodes } from "./vllm/vllm-error.ts";
export { vllmLogs } from "./vllm/vllm-logs.ts";
export { createTerminalReporter, type VllmReporter } from "./vllm/vllm-reporter.ts";
export { defaultVllmSettings, nvidiaVllmImage, type VllmSettings } from "./vllm/vllm-settings.ts";
export { formatVllmStatus, readVllmStatus } from "./vllm/vllm-status.ts";
export { type VllmUpOptions, type VllmUpResult, vllmUp } from "./vllm/vllm-up.ts";
