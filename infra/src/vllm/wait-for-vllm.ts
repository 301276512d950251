import { setTimeout as sleep } from "node:timers/promises";
import type Dockerode from "dockerode";
import { readLogTail } from "./container-logs.ts";
import { diagnoseVllmLogs } from "./diagnose-vllm-logs.ts";
import { type ModelsProbe, probeVllmModels } from "./probe-vllm-models.ts";
import { VllmError } from "./vllm-error.ts";
import type { VllmReporter } from "./vllm-reporter.ts";

export interface WaitForVllmOptions {
  /** The API's address without `/v1`, e.g. http://127.0.0.1:8080. */
  baseUrl: string;
  servedModelName: string;
  /** vLLM's arguments, for the API key the probe must send. */
  serverArgs: string[];
  timeoutMs: number;
  pollMs: number;
  reporter: VllmReporter;
}

/** How many log lines a failure shows. */
const tailLines = 30;

/**
 * Waits until the API lists the served model, showing the container's latest log line. Fails
 * with the log tail and the likely cause when the container exits (seen through `POST
 * /containers/{id}/wait`, which answers when it stops running) or when the timeout passes.
 */
export async function waitForVllm(
  container: Dockerode.Container,
  options: WaitForVllmOptions,
): Promise<{ seconds: number }> {
  const { baseUrl, servedModelName, serverArgs, timeoutMs, pollMs, reporter } = options;
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const stopWaiting = new AbortController();
  let exitCode: number | undefined;
  const exited = container
    .wait({ condition: "not-running", abortSignal: stopWaiting.signal })
    .then((result: { StatusCode?: number }) => {
      exitCode = result.StatusCode ?? -1;
    })
    // Aborted once ready or timed out; any other failure leaves the probe and the timeout in charge.
    .catch(() => undefined);
  try {
    let probe: ModelsProbe = { kind: "down", reason: "not asked yet" };
    while (Date.now() - started < timeoutMs) {
      probe = await probeVllmModels(baseUrl, servedModelName, {
        serverArgs,
        timeoutMs: Math.min(2000, timeoutMs),
      });
      if (probe.kind === "ready") return { seconds: seconds() };
      if (exitCode !== undefined) break;
      const latest = (await readLogTail(container, 1).catch(() => [])).at(-1);
      reporter.waiting(`Waiting for ${baseUrl}/v1/models (${seconds()}s)`, latest);
      await Promise.race([sleep(pollMs), exited]);
      if (exitCode !== undefined) break;
    }
    if (exitCode !== undefined) throw await exitedDuringStart(container, exitCode);
    throw await timedOut(container, options, probe);
  } finally {
    stopWaiting.abort();
  }
}

async function exitedDuringStart(
  container: Dockerode.Container,
  exitCode: number,
): Promise<VllmError> {
  const tail = await readLogTail(container, tailLines).catch(() => []);
  // With restart policy unless-stopped Docker would start it again and again; stopping ends that.
  await container.stop({ t: 0 }).catch(() => undefined);
  return new VllmError(
    "container-exited",
    `The vLLM container exited with code ${exitCode} before its API was ready; it is stopped now so Docker does not restart it in a loop.${explain(tail)}`,
    tail,
  );
}

async function timedOut(
  container: Dockerode.Container,
  { baseUrl, servedModelName, timeoutMs }: WaitForVllmOptions,
  probe: ModelsProbe,
): Promise<VllmError> {
  const tail = await readLogTail(container, tailLines).catch(() => []);
  const last =
    probe.kind === "other-models"
      ? `it answers but lists ${probe.ids.join(", ") || "no model"}: is another server on that port?`
      : `last answer: ${probe.kind === "down" ? probe.reason : "ready"}`;
  return new VllmError(
    "readiness-timeout",
    `vLLM did not list "${servedModelName}" at ${baseUrl}/v1/models within ${Math.round(timeoutMs / 1000)}s (${last}).\n` +
      "The container keeps running: follow it with `switchboard vllm logs -f`, or run `switchboard vllm up` again with a longer --timeout (a first start downloads the model)." +
      explain(tail),
    tail,
  );
}

function explain(tail: string[]): string {
  const diagnosis = diagnoseVllmLogs(tail);
  const logs =
    tail.length > 0 ? `\n\nLast log lines:\n${tail.map((line) => `  ${line}`).join("\n")}` : "";
  const cause = diagnosis
    ? `\n\nLikely cause (${diagnosis.cause.replaceAll("-", " ")}): ${diagnosis.advice}`
    : "\n\n`switchboard vllm logs` shows the whole log.";
  return logs + cause;
}
