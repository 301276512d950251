import { createModelRegistry } from "@switchboard/engine";
import { loadModelCatalog, loadServerConfig } from "../config/index.ts";
import { openDatabase } from "../db/index.ts";
import type { VersionRef } from "../flows/index.ts";
import { createFlowRuntime, createFlowService } from "../flows/index.ts";
import type { ConversationReplay, ModelAnswers } from "../replay/index.ts";
import {
  type ConversationOutcome,
  compileReplayTarget,
  findReplaySource,
  loadRecordedConversations,
  replayMany,
  summarizeReplays,
} from "../replay/index.ts";
import { formatTable } from "./format-table.ts";

export interface ReplayCommandOptions {
  flow?: string;
  version?: string | number;
  last?: number;
  json?: boolean;
  /** The share of conversations (0..1) that may change before the command fails. */
  maxChanged?: number;
  models?: string;
  channel?: string;
  outcome?: string;
  from?: string;
  to?: string;
  concurrency?: number;
}

const OUTCOMES = ["ended", "handoff", "waiting", "failed"] as const;

/** The options as the replay takes them, or the first one that is wrong, said for the user. */
function parseOptions(options: ReplayCommandOptions) {
  const {
    flow,
    last = 100,
    maxChanged = 0,
    models = "recorded",
    outcome,
    concurrency = 4,
  } = options;
  const raw = String(options.version ?? "draft");
  const version: VersionRef = /^\d+$/.test(raw) ? Number(raw) : (raw as VersionRef);
  if (!flow) return { problem: "--flow is required, e.g. --flow support" };
  if (!["draft", "published", "latest"].includes(raw) && typeof version !== "number")
    return { problem: `--version takes draft, published, latest or a number, not "${raw}".` };
  if (!Number.isInteger(last) || last < 1 || last > 100_000)
    return { problem: `--last takes a number of conversations from 1 to 100000, not "${last}".` };
  if (!(maxChanged >= 0 && maxChanged <= 1))
    return { problem: `--max-changed takes a share from 0 to 1 (0.1 = 10%), not "${maxChanged}".` };
  if (models !== "recorded" && models !== "call")
    return { problem: `--models takes recorded or call, not "${models}".` };
  if (outcome !== undefined && !OUTCOMES.includes(outcome as ConversationOutcome))
    return { problem: `--outcome takes ${OUTCOMES.join(", ")}, not "${outcome}".` };
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    return { problem: `--concurrency takes 1 to 64, not "${concurrency}".` };
  return {
    flow,
    version,
    last,
    maxChanged,
    models: models as ModelAnswers,
    outcome: outcome as ConversationOutcome | undefined,
    concurrency,
  };
}

function printReport(replays: ConversationReplay[], target: string, maxChanged: number): void {
  const report = summarizeReplays(replays);
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  console.log(
    `Replayed ${report.total} conversation(s) against ${target}: ${report.changed} changed (${percent(report.changedShare)}, allowed ${percent(maxChanged)}).`,
  );
  for (const [kind, sessions] of Object.entries(report.byKind))
    if (sessions.length > 0) console.log(`  ${kind}: ${sessions.length}`);
  const changed = replays.filter((replay) => replay.changes.length > 0);
  if (changed.length === 0) return;
  console.log("");
  console.log(
    formatTable([
      ["session", "chat", "changes", "first divergence"],
      ...changed.map((replay) => [
        replay.sessionId,
        replay.chatId,
        replay.changes.join(", "),
        replay.firstDivergence
          ? `turn ${replay.firstDivergence.turn + 1} at ${replay.firstDivergence.nodeId ?? "?"}`
          : "",
      ]),
    ]),
  );
}

/**
 * `switchboard replay --flow support --version draft --last 500 [--json] [--max-changed 0.1]`:
 * replays the latest recorded conversations of a flow against a version, from the server's
 * database (DATABASE_URL / DATA_DIR), without touching them. Exit code 1 when more than
 * `--max-changed` of them change (CI before publishing), 2 when the replay cannot run (bad
 * options, no such flow or version, a version that does not validate).
 */
export async function replayCommand(options: ReplayCommandOptions): Promise<number> {
  const parsed = parseOptions(options);
  if ("problem" in parsed) {
    console.error(`switchboard replay: ${parsed.problem}`);
    return 2;
  }
  try {
    return await replayAndReport(parsed, options);
  } catch (error) {
    console.error(`switchboard replay: ${(error as Error).message}`);
    return 2;
  }
}

async function replayAndReport(
  parsed: Exclude<ReturnType<typeof parseOptions>, { problem: string }>,
  options: ReplayCommandOptions,
): Promise<number> {
  const config = await loadServerConfig();
  const models = createModelRegistry(await loadModelCatalog());
  const database = await openDatabase(config.databaseUrl, { dataDir: config.dataDir });
  try {
    const flows = createFlowRuntime({
      database,
      models,
      flowsDir: config.flowsDir,
      http: { allowedHosts: config.httpAllowedHosts },
    });
    const flowService = createFlowService({ database, flows, defaultFlow: config.defaultFlow });
    const source = await findReplaySource(
      flowService,
      flows.knowledge,
      parsed.flow,
      parsed.version,
    );
    const target = await compileReplayTarget({ models, flowsDir: config.flowsDir }, source);
    const conversations = await loadRecordedConversations(database.db, {
      flowId: parsed.flow,
      last: parsed.last,
      channel: options.channel,
      outcome: parsed.outcome,
      from: options.from,
      to: options.to,
    });
    const replays: ConversationReplay[] = [];
    await replayMany(target, conversations, {
      models: parsed.models,
      concurrency: parsed.concurrency,
      onReplayed: (replay) => replays.push(replay),
    });
    const report = summarizeReplays(replays);
    const label = `${parsed.flow} ${source.version === null ? "draft" : `version ${source.version}`}`;
    if (options.json)
      console.log(
        JSON.stringify(
          {
            flowId: parsed.flow,
            version: source.version,
            maxChanged: parsed.maxChanged,
            report,
            conversations: replays.map(({ turns: _turns, ...summary }) => summary),
          },
          null,
          2,
        ),
      );
    else printReport(replays, label, parsed.maxChanged);
    return report.changedShare > parsed.maxChanged ? 1 : 0;
  } finally {
    await database.close();
  }
}
