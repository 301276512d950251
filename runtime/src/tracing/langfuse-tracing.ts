import { LangfuseClient } from "@langfuse/client";
import { createRedactor } from "./redactor.ts";
import { traceIdOf } from "./trace-id-of.ts";
import type { TraceAttributes } from "./trace-job.ts";
import { traceSimulations } from "./trace-simulations.ts";
import { type Tracing, type TurnContext, type TurnTrace, untracedTurn } from "./tracing.ts";
import type { TracingConfig } from "./tracing-config.ts";
import { createTracingLog } from "./tracing-log.ts";
import { recordTurnTrace } from "./turn-trace-record.ts";
import { WorkerTraceExporter } from "./worker-trace-exporter.ts";

/** The resource of every span. */
const RESOURCE = { "service.name": "switchboard" };

/**
 * Starts tracing to Langfuse: each turn is recorded as plain data while it runs and handed, once
 * it ends, to a worker thread that builds its trace with Langfuse's SDK (at the recorded times),
 * redacts it and sends it over OTLP/HTTP through a bounded buffer; scores go through the
 * Langfuse client. The thread that runs turns builds no span.
 *
 * @example
 * const tracing = startLangfuseTracing(readTracingConfig(process.env)!, process.env);
 */
export function startLangfuseTracing(
  config: TracingConfig,
  env: Record<string, string | undefined>,
): Tracing {
  const redactor = createRedactor({ env, mask: config.mask });
  const log = createTracingLog(config.baseUrl);
  let faults = 0;
  const onFault = (error: unknown) => {
    // A fault in tracing is logged once; the conversation goes on untraced.
    if (faults++ === 0)
      console.warn(`tracing: ${redactor.text((error as Error).message ?? String(error))}`);
  };
  const exporter = new WorkerTraceExporter(
    {
      otlp: {
        url: `${config.baseUrl}/api/public/otel/v1/traces`,
        headers: {
          Authorization: `Basic ${btoa(`${config.publicKey}:${config.secretKey}`)}`,
          "x-langfuse-sdk-name": "javascript",
          "x-langfuse-public-key": config.publicKey,
        },
        timeoutMillis: config.exportTimeoutMillis,
      },
      resource: RESOURCE,
      env,
      mask: config.mask,
      environment: config.environment,
      release: config.release,
      limits: config,
    },
    {
      onDrop: (count) => log.dropped(count),
      onFailure: (error, count) => log.failed(error, count),
      onFault,
    },
  );
  const client = new LangfuseClient({
    publicKey: config.publicKey,
    secretKey: config.secretKey,
    baseUrl: config.baseUrl,
    timeout: config.exportTimeoutMillis / 1000,
  });

  const urlOf = (traceId: string) => `${config.baseUrl}/trace/${traceId}`;
  const score = (body: Parameters<typeof client.score.create>[0]) => {
    try {
      client.score.create({
        environment: config.environment,
        ...body,
        ...(body.comment ? { comment: redactor.text(body.comment) } : {}),
      });
    } catch (error) {
      onFault(error);
    }
  };

  const startTurn = (turn: TurnContext): TurnTrace => {
    const traceId = traceIdOf(turn.turnId);
    const attributes: TraceAttributes = {
      traceName: turn.flowId,
      sessionId: turn.chatId,
      userId: turn.userId,
      version: `${turn.flowId}@${turn.flowVersion}`,
      tags: [`channel:${turn.channel}`, `flow:${turn.flowId}`, `env:${config.environment}`],
      metadata: {
        channel: turn.channel,
        flowId: turn.flowId,
        flowVersion: String(turn.flowVersion),
        environment: config.environment,
        turnId: turn.turnId,
      },
    };
    const recorder = recordTurnTrace(turn.flowId, turn.input);
    let ended = false;
    const hand = (finish: () => ReturnType<typeof recorder.end>) => {
      if (ended) return;
      ended = true;
      try {
        exporter.post({ type: "turn", traceId, attributes, turn: finish() });
      } catch (error) {
        onFault(error);
      }
    };
    return {
      traceId,
      url: urlOf(traceId),
      record: (event) => {
        if (ended || event.type === "token") return;
        try {
          recorder.record(event);
        } catch (error) {
          onFault(error);
        }
      },
      end: (result) => hand(() => recorder.end(result)),
      fail: (error) => hand(() => recorder.fail(error)),
    };
  };

  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    startTurn: (turn) => {
      try {
        return startTurn(turn);
      } catch (error) {
        onFault(error);
        return untracedTurn;
      }
    },
    scoreTurn: (turnId, feedback) =>
      score({
        traceId: traceIdOf(turnId),
        name: "user_feedback",
        value: feedback.value,
        dataType: "NUMERIC",
        comment: feedback.comment,
      }),
    traceUrl: (turnId) => urlOf(traceIdOf(turnId)),
    watchSimulation: traceSimulations(
      { urlOf, score, onFault, post: (job) => exporter.post(job) },
      `simulate-${Date.now()}`,
    ),
    stats: async () => ({ enabled: true, ...(await exporter.stats()) }),
    flush: async () => {
      await Promise.allSettled([exporter.flush(), client.flush()]);
    },
    shutdown: () => {
      stopped ??= (async () => {
        // Scores have no deadline of their own; a Langfuse that doesn't answer mustn't hold
        // the shutdown past the export timeout (the span buffer keeps to its own).
        let timer: ReturnType<typeof setTimeout> | undefined;
        const deadline = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, 2 * config.exportTimeoutMillis);
        });
        const [exported] = await Promise.race([
          Promise.allSettled([exporter.shutdown(), client.shutdown()]),
          deadline.then(() => [undefined] as const),
        ]);
        clearTimeout(timer);
        const stats = exported?.status === "fulfilled" ? exported.value : undefined;
        const lost = stats ? stats.dropped + stats.failed : 0;
        if (stats && lost > 0)
          console.warn(
            `tracing: ${lost} spans were never sent to ${config.baseUrl} (${stats.dropped} dropped from the full buffer, ${stats.failed} in failed requests)`,
          );
      })();
      return stopped;
    },
  };
}
