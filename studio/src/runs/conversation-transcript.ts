import type { TurnInput } from "@switchboard/engine";
import type { RecordedRun } from "./recorded-timelines.ts";

/** A chat message as `GET /api/chats/:id/messages` answers it. */
export interface TranscriptMessage {
  seq: number;
  messageId: string;
  role: "user" | "assistant" | "agent" | "system";
  content: string;
  nodePath: string | null;
  createdAt: string | Date;
}

/** A stretch of the transcript and the recorded turn that produced it, if one did. */
export interface TranscriptTurn {
  run?: RecordedRun;
  messages: TranscriptMessage[];
  /** What started the turn, for its timeline. */
  input: TurnInput;
}

/** Milliseconds since the epoch, whether the client gave a string or a Date. */
export function timeOf(value: string | Date): number {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

/**
 * Groups a transcript by the turns that produced it. A user's message is stored just before its
 * turn starts, so it belongs to the first run that starts at or after it; the bot's and agents'
 * messages are stored as their turn ends, so they belong to the last run that started before
 * them. Messages in a row that no run accounts for form a turn of their own, and a run without
 * messages (an agent's hand-back that said nothing) is a turn without messages.
 *
 * @example
 * const turns = groupTranscript(messages, runs); // runs in any order
 */
export function groupTranscript(
  messages: readonly TranscriptMessage[],
  runs: readonly RecordedRun[],
): TranscriptTurn[] {
  const ordered = [...runs].sort((a, b) => timeOf(a.startedAt) - timeOf(b.startedAt));
  const groups: { run?: RecordedRun; messages: TranscriptMessage[] }[] = [];
  for (const message of [...messages].sort((a, b) => a.seq - b.seq)) {
    const at = timeOf(message.createdAt);
    const run =
      message.role === "user"
        ? ordered.find((candidate) => timeOf(candidate.startedAt) >= at)
        : ordered.findLast((candidate) => timeOf(candidate.startedAt) <= at);
    const last = groups.at(-1);
    if (
      last &&
      last.run === run &&
      !(
        run === undefined &&
        message.role === "user" &&
        last.messages.some((m) => m.role === "user")
      )
    )
      last.messages.push(message);
    else groups.push({ ...(run ? { run } : {}), messages: [message] });
  }
  const used = new Set(groups.map((group) => group.run));
  for (const run of ordered.filter((candidate) => !used.has(candidate))) {
    const start = timeOf(run.startedAt);
    const at = groups.findIndex((group) => {
      const first = group.messages[0];
      return first !== undefined && timeOf(first.createdAt) > start;
    });
    groups.splice(at < 0 ? groups.length : at, 0, { run, messages: [] });
  }
  return groups.map((group) => ({ ...group, input: inputOf(group.messages) }));
}

function inputOf(messages: readonly TranscriptMessage[]): TurnInput {
  const user = messages.find((message) => message.role === "user");
  if (user) return { kind: "user", text: user.content };
  const agent = messages.find((message) => message.role === "agent");
  if (agent) return { kind: "agent", text: agent.content };
  return { kind: "user", text: "" };
}
