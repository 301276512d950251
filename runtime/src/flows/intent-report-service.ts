import { Value } from "@sinclair/typebox/value";
import {
  FlowError,
  type IntentQualityReport,
  IntentTrainingThread,
  LANGUAGES,
  type Language,
  nodeDefinitions,
} from "@switchboard/engine";
import { AppError } from "../errors.ts";
import type { FlowService } from "./flow-service.ts";
import type { VersionRef } from "./version-ref.ts";

// A report trains one model per fold: these bound one request's work to a few seconds of a
// thread, and the queue to what a few editors asking at once need.
export const MAX_REPORT_EXAMPLES = 3000;
export const MAX_REPORT_INTENTS = 150;
const MAX_REPORTS_IN_FLIGHT = 2;

interface IntentReportRequest {
  flowId: string;
  nodeId: string;
  version?: VersionRef;
  /** For a flow whose language is `auto`: the language its examples are in (default en). */
  language?: Language;
}

/** Intent quality reports of a flow version's `classify` nodes (see `intentQualityReport`). */
export interface IntentReportService {
  report(request: IntentReportRequest): Promise<IntentQualityReport & { nodeId: string }>;
}

/**
 * Cross-validates on a thread of its own, so that reports neither block requests nor delay the
 * chats' intent models; at most MAX_REPORTS_IN_FLIGHT at once, the next refused as busy.
 *
 * @example const reports = createIntentReportService({ flowService }); await reports.report({ flowId: "support", nodeId: "classify" });
 */
export function createIntentReportService({
  flowService,
}: {
  flowService: Pick<FlowService, "get">;
}): IntentReportService {
  const thread = new IntentTrainingThread();
  let inFlight = 0;
  return {
    async report({ flowId, nodeId, version, language }) {
      const { definition } = await flowService.get(flowId, version);
      const intents = classifyIntents(definition, nodeId);
      const examples = intents.reduce((sum, intent) => sum + intent.examples.length, 0);
      if (intents.length > MAX_REPORT_INTENTS || examples > MAX_REPORT_EXAMPLES)
        throw new AppError(
          "too_large",
          `Node "${nodeId}" has ${intents.length} intents and ${examples} examples; a report in the studio takes at most ${MAX_REPORT_INTENTS} intents and ${MAX_REPORT_EXAMPLES} examples. Run \`switchboard validate --nlu\` on the flow file instead.`,
        );
      if (inFlight >= MAX_REPORTS_IN_FLIGHT)
        throw new AppError("busy", "Other intent reports are being made; try again shortly.");
      const flowLanguage = LANGUAGES.find((known) => known === definition.language);
      const reportLanguage = flowLanguage ?? language ?? "en";
      inFlight++;
      try {
        return { nodeId, ...(await thread.report(intents, reportLanguage)) };
      } finally {
        inFlight--;
      }
    },
  };
}

/** The node's intents, checked against the classify node's schema: a draft may be unfinished. */
function classifyIntents(definition: Record<string, unknown>, nodeId: string) {
  const nodes = Array.isArray(definition.nodes) ? (definition.nodes as unknown[]) : [];
  const node = nodes.find(
    (candidate): candidate is { id: string; type: unknown; config: unknown } =>
      typeof candidate === "object" &&
      candidate !== null &&
      "id" in candidate &&
      candidate.id === nodeId,
  );
  if (!node) throw new AppError("not_found", `The flow has no node "${nodeId}".`);
  if (node.type !== "classify")
    throw new AppError(
      "invalid_request",
      `Node "${nodeId}" is a ${String(node.type)} node, not classify: only classify nodes have intents.`,
    );
  const schema = nodeDefinitions.classify.config;
  const config = Value.Default(schema, structuredClone(node.config));
  if (!Value.Check(schema, config)) {
    const first = Value.Errors(schema, config).First();
    throw new FlowError(
      "invalid_flow",
      `Node "${nodeId}" has intents the report cannot read: ${first?.path || "/"} ${first?.message ?? ""}.`.trim(),
    );
  }
  if (config.intents.length < 2)
    throw new AppError(
      "invalid_request",
      `Node "${nodeId}" has one intent: a report compares two or more.`,
    );
  return config.intents;
}
