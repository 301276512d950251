import type { Kysely } from "kysely";
import { listRecentOutcomes } from "../conversations/index.ts";
import type { Tables } from "../db/index.ts";
import type { FlowDefinition } from "../flows/index.ts";
import { getVersion } from "../flows/index.ts";

/** What an agent sees of the customer beside the transcript, besides the path. */
export interface CustomerContext {
  /** The conversation's variables after its last turn that did not fail. */
  variables: Record<string, unknown>;
  /** What the flow's lead nodes (`sales`) collected, by the variable each stores it in. */
  leads: { variable: string; values: Record<string, unknown> }[];
  /** The intents of the last turns, the latest first; a turn that kept the last intent adds none. */
  intents: { name: string; confidence: number; at: string }[];
  /** The flow version the chat runs, for the path's canvas (null when it is gone). */
  flow: FlowDefinition | null;
}

/** How many recent turns the variables and intents are read from. */
const RECENT_TURNS = 10;
/** A variable whose JSON is longer is shown cut: a context stays small whatever a flow stores. */
const VALUE_LIMIT = 2_000;
/** The most variables shown. */
const VARIABLE_LIMIT = 100;

/**
 * The customer's context for the inbox: variables, the lead and recent intents from the chat's
 * recorded turns, and the flow version for the path's canvas. Bounded in turns read and size.
 */
export async function customerContext(
  db: Kysely<Tables>,
  chatId: string,
  flowRef: { flowId: string | null; flowVersion: number | null },
): Promise<CustomerContext> {
  const recent = await listRecentOutcomes(db, chatId, RECENT_TURNS);
  const latest = recent.find(({ outcome }) => outcome.status !== "failed");
  const variables = bounded(latest?.outcome.vars ?? {});
  const version =
    flowRef.flowId !== null && flowRef.flowVersion !== null
      ? await getVersion(db, flowRef.flowId, flowRef.flowVersion)
      : undefined;
  const flow = version?.definition ?? null;
  return { variables, leads: leadsOf(flow, variables), intents: intentsOf(recent), flow };
}

function bounded(vars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(vars)
      .slice(0, VARIABLE_LIMIT)
      .map(([name, value]) => {
        const json = JSON.stringify(value) ?? "";
        return [name, json.length > VALUE_LIMIT ? `${json.slice(0, VALUE_LIMIT)}… (cut)` : value];
      }),
  );
}

function leadsOf(flow: FlowDefinition | null, variables: Record<string, unknown>) {
  const stores = new Set(
    (flow?.nodes ?? []).flatMap((node) =>
      node.type === "sales" ? [node.config.store ?? "lead"] : [],
    ),
  );
  return [...stores].flatMap((variable) => {
    const values = variables[variable];
    return typeof values === "object" && values !== null && Object.keys(values).length > 0
      ? [{ variable, values: values as Record<string, unknown> }]
      : [];
  });
}

function intentsOf(recent: Awaited<ReturnType<typeof listRecentOutcomes>>) {
  const intents: CustomerContext["intents"] = [];
  // Oldest first, so a turn that kept the previous turn's intent is told apart from a new one.
  let last: string | undefined;
  for (const { startedAt, outcome } of recent.toReversed()) {
    const intent = outcome.intent;
    const key = intent ? `${intent.name}:${intent.confidence}` : undefined;
    if (intent && key !== last) intents.unshift({ ...intent, at: startedAt });
    last = key;
  }
  return intents;
}
