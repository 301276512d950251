/// <reference lib="webworker" />
/**
 * The engine's validator in a worker: the editor posts each changed document, and gets its
 * problems back without the page waiting (a 300-node flow takes a few hundred milliseconds).
 */
import { type ValidateFlowOptions, validateFlow } from "@switchboard/engine/validate";

export interface CheckRequest {
  id: number;
  flow: unknown;
  options: ValidateFlowOptions;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = ({ data }: MessageEvent<CheckRequest>) => {
  const result = validateFlow(data.flow, data.options);
  scope.postMessage({ id: data.id, problems: result.ok ? [] : result.problems });
};
