import { LangfuseClient } from "@langfuse/client";
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { propagateAttributes, setLangfuseTracerProvider } from "@langfuse/tracing";
import { context, TraceFlags, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { BufferedSpanExporter } from "./buffered-span-exporter.ts";
import { LangfuseTurnTrace } from "./langfuse-turn-trace.ts";
import { createRedactor } from "./redactor.ts";
import { traceIdOf } from "./trace-id-of.ts";
import { traceSimulations } from "./trace-simulations.ts";
import { type Tracing, type TracingOptions, type TurnContext, untracedTurn } from "./tracing.ts";
import type { TracingConfig } from "./tracing-config.ts";
import { createTracingLog } from "./tracing-log.ts";
import { WorkerSpanExporter } from "./worker-span-exporter.ts";

/**
 * The parent span id of a turn's root, which gives the trace the id derived from the turn id.
 * Langfuse's documented way to choose a trace id: the placeholder is never exported.
 */
const PLACEHOLDER_PARENT = "0123456789abcdef";

/** The resource of every span, here and in the export worker. */
const RESOURCE = { "service.name": "switchboard" };

/**
 * Starts tracing to Langfuse: spans go through Langfuse's span processor (environment,
 * propagated attributes) into a bounded buffer that hands them in batches to a worker thread,
 * which redacts them and sends them over OTLP/HTTP; scores go through the Langfuse client. One
 * per process: the Langfuse SDK keeps its tracer provider and OpenTelemetry its context manager
 * globally.
 *
 * @example
 * const tracing = startLangfuseTracing(readTracingConfig(process.env)!, process.env, { chatModels: true });
 */
export function startLangfuseTracing(
  config: TracingConfig,
  env: Record<string, string | undefined>,
  { chatModels }: TracingOptions,
): Tracing {
  const redactor = createRedactor({ env, mask: config.mask });
  const log = createTracingLog(config.baseUrl);
  const exporter = new WorkerSpanExporter({
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
  });
  const buffer = new BufferedSpanExporter(exporter, config, {
    onDrop: (count) => log.dropped(count),
    onFailure: (error, count) => log.failed(new Error(redactor.text(error.message)), count),
  });
  // "immediate" hands each span to the buffer as it ends; the buffer does the batching, with
  // drop-oldest limits the processor's own BatchSpanProcessor doesn't offer.
  const processor = new LangfuseSpanProcessor({
    exporter: buffer,
    exportMode: "immediate",
    environment: config.environment,
    release: config.release,
    mediaUploadEnabled: false,
  });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(RESOURCE),
    spanProcessors: [processor],
  });
  // Propagated attributes and parents travel in the OpenTelemetry context, which needs a
  // context manager; none is registered when another one already is.
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const ownsContext = context.setGlobalContextManager(contextManager);
  setLangfuseTracerProvider(provider);
  const client = new LangfuseClient({
    publicKey: config.publicKey,
    secretKey: config.secretKey,
    baseUrl: config.baseUrl,
    timeout: config.exportTimeoutMillis / 1000,
  });

  let faults = 0;
  const onFault = (error: unknown) => {
    // A fault in tracing is logged once; the conversation goes on untraced.
    if (faults++ === 0)
      console.warn(`tracing: ${redactor.text((error as Error).message ?? String(error))}`);
  };
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

  const startTurn = (turn: TurnContext) => {
    const traceId = traceIdOf(turn.turnId);
    const parent = propagateAttributes(
      {
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
      },
      () =>
        trace.setSpanContext(context.active(), {
          traceId,
          spanId: PLACEHOLDER_PARENT,
          traceFlags: TraceFlags.SAMPLED,
        }),
    );
    return new LangfuseTurnTrace({
      name: turn.flowId,
      input: turn.input,
      parent,
      url: urlOf(traceId),
      onFault,
      chatModels,
    });
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
    watchSimulation: traceSimulations({ urlOf, score, onFault }, `simulate-${Date.now()}`),
    stats: () => ({ enabled: true, ...buffer.stats }),
    flush: async () => {
      await Promise.allSettled([provider.forceFlush(), client.flush()]);
    },
    shutdown: () => {
      stopped ??= (async () => {
        // Scores have no deadline of their own; a Langfuse that doesn't answer mustn't hold
        // the shutdown past the export timeout (the span buffer keeps to its own).
        let timer: ReturnType<typeof setTimeout> | undefined;
        const deadline = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, 2 * config.exportTimeoutMillis);
        });
        await Promise.race([
          Promise.allSettled([provider.shutdown(), client.shutdown()]),
          deadline,
        ]);
        clearTimeout(timer);
        if (ownsContext) context.disable();
        setLangfuseTracerProvider(null);
        const { dropped, failed } = buffer.stats;
        if (dropped + failed > 0)
          console.warn(
            `tracing: ${dropped + failed} spans were never sent to ${config.baseUrl} (${dropped} dropped from the full buffer, ${failed} in failed requests)`,
          );
      })();
      return stopped;
    },
  };
}
