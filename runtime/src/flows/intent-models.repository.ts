import type { ClassifierStore } from "@switchboard/engine";
import type { Kysely } from "kysely";
import type { Tables } from "../db/index.ts";

/**
 * Trained intent models in the database, so a restart, or another replica, retrains nothing.
 *
 * @example
 * createIntentModels({ training: "worker", store: new DatabaseClassifierStore(database.db) });
 */
export class DatabaseClassifierStore implements ClassifierStore {
  constructor(private readonly db: Kysely<Tables>) {}

  async get(key: string): Promise<Uint8Array | undefined> {
    const row = await this.db
      .selectFrom("intentModels")
      .select("bytes")
      .where("key", "=", key)
      .executeTakeFirst();
    return row ? new Uint8Array(row.bytes) : undefined;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    // Two replicas may train the same node at once; their models are the same bytes.
    await this.db
      .insertInto("intentModels")
      .values({ key, bytes, createdAt: new Date().toISOString() })
      .onConflict((conflict) => conflict.column("key").doNothing())
      .execute();
  }
}
