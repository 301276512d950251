import { Identifier, LANGUAGES } from "@switchboard/engine";
import { Elysia, t } from "elysia";
import { authGuard } from "../auth/index.ts";
import type { Services } from "../services.ts";
import { createFlowService } from "./flow-service.ts";
import {
  createIntentReportService,
  MAX_REPORT_EXAMPLES,
  MAX_REPORT_INTENTS,
} from "./intent-report-service.ts";
import { versionRef } from "./version-ref-schema.ts";

const Misclassified = t.Object({
  text: t.String(),
  intent: t.String({ description: "The intent it is an example of" }),
  predicted: t.String(),
  confidence: t.Number({ description: "The predicted intent's probability" }),
});
const IntentReport = t.Object({
  nodeId: t.String(),
  language: t.String(),
  folds: t.Number(),
  seed: t.Number(),
  minExamples: t.Number(),
  examples: t.Number(),
  accuracy: t.Number({ description: "Cross-validated: share of examples classified right" }),
  intents: t.Array(
    t.Object({
      name: t.String(),
      examples: t.Number(),
      correct: t.Number(),
      accuracy: t.Number(),
      tooFew: t.Boolean(),
    }),
  ),
  confusions: t.Array(
    t.Object({
      intents: t.Tuple([t.String(), t.String()]),
      count: t.Number(),
      share: t.Number(),
      examples: t.Array(Misclassified),
    }),
  ),
  mislabeled: t.Array(Misclassified),
});

/** A classify node's intent quality report under `/api/flows/:id/nodes/:node/intent-report`. */
export function intentReportRoutes(services: Services) {
  const { config, database, flows, tokens } = services;
  const reports = createIntentReportService({
    flowService: createFlowService({ database, flows, defaultFlow: config.defaultFlow }),
  });
  return new Elysia({ prefix: "/api/flows", tags: ["Flows"] }).use(authGuard(tokens)).get(
    "/:id/nodes/:node/intent-report",
    ({ params, query }) =>
      reports.report({
        flowId: params.id,
        nodeId: params.node,
        version: query.version,
        language: query.language,
      }),
    {
      auth: ["editor", "viewer"],
      params: t.Object({ id: Identifier, node: Identifier }),
      query: t.Object({
        version: t.Optional(versionRef("draft")),
        language: t.Optional(
          t.UnionEnum([...LANGUAGES], {
            description: "The examples' language, for a flow whose language is auto (default en)",
          }),
        ),
      }),
      response: IntentReport,
      detail: {
        summary:
          "How well a classify node's intents are told apart, by 5-fold cross-validation: accuracy per intent, confused pairs, likely mislabeled examples, intents with too few examples",
        description: `Trains five models off the request thread; 413 too_large past ${MAX_REPORT_INTENTS} intents or ${MAX_REPORT_EXAMPLES} examples, 503 busy while other reports are being made.`,
      },
    },
  );
}
