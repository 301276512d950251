import type { Database } from "../db/index.ts";
import { AppError } from "../errors.ts";
import type { Page } from "./chat-service.ts";
import { findChatById } from "./chats.repository.ts";
import { listRuns, type Run } from "./runs.repository.ts";

/**
 * A chat's turns as recorded, the latest first: status, timings, the nodes visited and the model
 * calls made, with their errors.
 *
 * @throws AppError `not_found` when there is no such chat.
 * @example
 * const runs = await listChatRuns(database, chatId, { limit: 20 });
 */
export async function listChatRuns(
  { db }: Database,
  chatId: string,
  page: Page<string> = {},
): Promise<Run[]> {
  if (!(await findChatById(db, chatId)))
    throw new AppError("not_found", `There is no chat "${chatId}".`);
  return listRuns(db, chatId, page);
}
