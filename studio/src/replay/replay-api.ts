import { type OnApiError, settle } from "../api/api-result.ts";
import type { Client } from "../api/client.ts";

type JobBody = Parameters<Client["api"]["replay"]["jobs"]["post"]>[0];
type ReplayBody = NonNullable<
  Parameters<ReturnType<Client["api"]["replay"]["sessions"]>["post"]>[0]
>;

/** Which version to replay against, and whether to reuse recorded model answers or call models. */
export type ReplayChoice = ReplayBody;

/**
 * What the replay views ask of the runtime, each answer an `ApiResult`: a chat's recorded
 * sessions, one replayed side by side, a fork into a studio thread, and regression jobs.
 *
 * @example
 * const replay = createReplayApi(createClient(token));
 * const view = await replay.replaySession(sessionId, { version: "draft" });
 */
export function createReplayApi(client: Client, onError?: OnApiError) {
  const { replay } = client.api;
  return {
    listSessions: (chatId: string) => settle(replay.chats({ id: chatId }).sessions.get(), onError),
    replaySession: (sessionId: string, choice: ReplayChoice = {}) =>
      settle(replay.sessions({ id: sessionId }).post(choice), onError),
    fork: (sessionId: string, turn: number) =>
      settle(replay.sessions({ id: sessionId }).fork.post({ turn }), onError),
    acceptAsSimulation: (
      sessionId: string,
      body: { name: string; job_id?: string } & ReplayChoice,
    ) => settle(replay.sessions({ id: sessionId }).simulation.post(body), onError),
    startJob: (body: JobBody) => settle(replay.jobs.post(body), onError),
    job: (jobId: string) => settle(replay.jobs({ id: jobId }).get(), onError),
    cancelJob: (jobId: string) => settle(replay.jobs({ id: jobId }).delete(), onError),
    jobSession: (jobId: string, sessionId: string) =>
      settle(replay.jobs({ id: jobId }).sessions({ session: sessionId }).get(), onError),
  };
}
