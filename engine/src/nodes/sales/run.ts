import { SystemMessage } from "@langchain/core/messages";
import { evaluateExpression } from "../../expression/index.ts";
import { warmEntityRecognizers } from "../../local/entities/recognize-entities.ts";
import { localTexts } from "../../local/local-texts.ts";
import { extractSlots } from "../../local/slot-extraction.ts";
import { callModel } from "../../models/call-model.ts";
import { type AnswerSchema, invokeStructured } from "../../models/invoke-structured.ts";
import type { NodeOf } from "../../schema/flow.ts";
import { renderTemplate } from "../../template.ts";
import { LANGUAGES, type Language } from "../../text/language/language.ts";
import { recentMessages, replyMessage } from "../messages.ts";
import { type NodeImplementation, STAY } from "../node-runner.ts";
import { compileDigressions } from "./digressions.ts";

type Slot = NodeOf<"sales">["config"]["slots"][number];
type Lead = Record<string, string | number>;

/** What a sales node remembers between turns. */
interface SalesProgress {
  asking: string | null;
  retries: number;
  skipped: string[];
}

type Extraction = ReturnType<typeof extractSlots>;

function extractionPrompt(slots: Slot[], asking: string | null): string {
  const list = slots.map(
    (s) => `- ${s.name} (${s.kind}${s.choices ? `: one of ${s.choices.join(", ")}` : ""})`,
  );
  return [
    "Extract these lead details from the user's latest message when it states them:",
    ...list,
    asking ? `The user was just asked for: ${asking}.` : "",
    'Answer with JSON only, e.g. {"name": "Ana", "email": "ana@example.com"}; omit details not stated.',
  ].join("\n");
}

/** The answer's shape: the open slots, each as the user stated it (choices constrained), none required. */
function leadSchema(slots: Slot[]): AnswerSchema {
  const property = (slot: Slot) =>
    slot.choices ? { type: "string", enum: slot.choices } : { type: "string" };
  return {
    name: "lead_details",
    description:
      "The lead details the user's latest message states; details it does not state are left out.",
    schema: {
      type: "object",
      properties: Object.fromEntries(slots.map((slot) => [slot.name, property(slot)])),
      additionalProperties: false,
    },
  };
}

// Kinds whose answers are recognised by their form: a value found for one is an answer, never a
// digression ("in two weeks" answers the timeline question, whatever else it could mean).
const PRECISE_KINDS = new Set<Slot["kind"]>(["email", "phone", "number", "budget", "timeline"]);

/** Validates what a model extracted with the same rules the local extractor applies. */
function validateModelValues(
  json: Record<string, unknown> | null,
  slots: Slot[],
  language: Language,
): Extraction {
  const result: Extraction = { values: {}, invalid: {} };
  for (const slot of slots) {
    const raw = json?.[slot.name];
    if (raw === undefined || raw === null || raw === "") continue;
    const checked = extractSlots(String(raw), [slot], { asking: slot.name, language });
    Object.assign(result.values, checked.values);
    Object.assign(result.invalid, checked.invalid);
  }
  return result;
}

export const salesImplementation: NodeImplementation<NodeOf<"sales">> = {
  // Mid-qualification it needs the answer; entered afresh it asks its first question at once.
  needsUserMessage: (state, node) => state.bookkeeping.progress[node.id] != null,
  compile: (node, context) => {
    const { slots, qualify, store, maxRetries } = node.config;
    const modelName = node.config.model ?? context.flow.models[0] ?? "default";
    const digress = compileDigressions(node, context);
    const { language } = context.flow;
    warmEntityRecognizers(language === "auto" ? LANGUAGES : [language]);
    return async (state, run) => {
      const texts = localTexts[run.language];
      const saved = state.bookkeeping.progress[node.id] as SalesProgress | null | undefined;
      const progress: SalesProgress = saved ?? { asking: null, retries: 0, skipped: [] };
      const lead: Lead = saved ? { ...((state.vars[store] as Lead | undefined) ?? {}) } : {};
      const open = slots.filter(
        (s) => lead[s.name] === undefined && !progress.skipped.includes(s.name),
      );

      // Entered afresh after the bot answered: nothing new to read, just ask.
      const found = state.bookkeeping.replied
        ? { values: {}, invalid: {} }
        : await callModel<Extraction>(
            context.models,
            modelName,
            run,
            {
              local: () =>
                extractSlots(run.userText, open, {
                  asking: progress.asking ?? undefined,
                  language: run.language,
                }),
              chat: async (call) => {
                const { json, message } = await invokeStructured(
                  call,
                  [
                    new SystemMessage(extractionPrompt(open, progress.asking)),
                    ...recentMessages(state.messages, 1),
                  ],
                  leadSchema(open),
                  run,
                );
                return { value: validateModelValues(json, open, run.language), message };
              },
            },
            // Extraction copies what the user said; sampling would only invent.
            { temperature: 0 },
          );
      const asked = progress.asking ? slots.find((s) => s.name === progress.asking) : undefined;
      const scope = { ...run.scope, [store]: lead };
      const question = (slot: Slot) => {
        if (slot.ask) return renderTemplate(slot.ask, scope);
        const unit = slot.kind === "number" ? slot.units?.[0] : undefined;
        return unit ? texts.countQuestion(unit) : texts.questions[slot.kind];
      };

      // A message that gives no precise detail may belong to another intent of the flow; one
      // that does ("in two weeks", "ana@acme.io") is an answer, even to another question.
      const precise = slots.some(
        (slot) => PRECISE_KINDS.has(slot.kind) && found.values[slot.name] !== undefined,
      );
      if (digress && asked && !state.bookkeeping.replied && !precise) {
        const answered = found.values[asked.name] !== undefined;
        const digression = await digress(state, run, question(asked), answered);
        if (digression) return { ...digression, vars: { [store]: lead } };
      }
      Object.assign(lead, found.values);

      let retryReason: string | undefined;
      if (asked && lead[asked.name] === undefined) {
        if (progress.retries < maxRetries && asked.required) {
          progress.retries += 1;
          retryReason = found.invalid[asked.name] ?? texts.problems.noAnswer;
        } else {
          progress.skipped = [...progress.skipped, asked.name];
        }
      }

      const next = retryReason
        ? asked
        : slots.find((s) => lead[s.name] === undefined && !progress.skipped.includes(s.name));
      if (next) {
        if (next !== asked) progress.retries = 0;
        const text = retryReason
          ? next.retry
            ? renderTemplate(next.retry, { ...scope, reason: retryReason })
            : texts.retry(retryReason, question(next))
          : question(next);
        return {
          route: STAY,
          vars: { [store]: lead },
          progress: { [node.id]: { ...progress, asking: next.name } },
          messages: [replyMessage(text, { nodeId: node.id, author: "bot" })],
        };
      }

      const qualified = Boolean(evaluateExpression(qualify.when, { ...run.scope, ...lead }));
      return {
        route: qualified ? "qualified" : "not_qualified",
        vars: { [store]: { ...lead, qualified } },
        progress: { [node.id]: null },
      };
    };
  },
};
