export { type Database, openDatabase } from "./database.ts";
export { inTransaction } from "./in-transaction.ts";
export {
  type CheckpointHolder,
  type HeldCheckpoints,
  KyselyCheckpointSaver,
} from "./kysely-checkpoint-saver.ts";
export { preparedQuery } from "./prepared-query.ts";
export { retryWhileUnreachable } from "./retry-while-unreachable.ts";
export { serialRead } from "./serial-read.ts";
export type { Tables } from "./tables.ts";
export { KeyedMutex } from "./thread-lock.ts";
