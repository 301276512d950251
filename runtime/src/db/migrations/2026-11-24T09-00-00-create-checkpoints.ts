import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

export async function up(db: Kysely<unknown>, { bytes, key }: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("checkpoints")
    .addColumn("thread_id", key, (c) => c.notNull())
    .addColumn("checkpoint_ns", key, (c) => c.notNull())
    .addColumn("checkpoint_id", key, (c) => c.notNull())
    .addColumn("parent_checkpoint_id", key)
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("checkpoint", bytes, (c) => c.notNull())
    .addColumn("metadata", bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint("checkpoints_pk", ["thread_id", "checkpoint_ns", "checkpoint_id"])
    .execute();

  await db.schema
    .createTable("checkpoint_blobs")
    .addColumn("thread_id", key, (c) => c.notNull())
    .addColumn("checkpoint_ns", key, (c) => c.notNull())
    .addColumn("channel", key, (c) => c.notNull())
    .addColumn("version", key, (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("blob", bytes)
    .addPrimaryKeyConstraint("checkpoint_blobs_pk", [
      "thread_id",
      "checkpoint_ns",
      "channel",
      "version",
    ])
    .execute();

  await db.schema
    .createTable("checkpoint_writes")
    .addColumn("thread_id", key, (c) => c.notNull())
    .addColumn("checkpoint_ns", key, (c) => c.notNull())
    .addColumn("checkpoint_id", key, (c) => c.notNull())
    .addColumn("task_id", key, (c) => c.notNull())
    .addColumn("idx", "integer", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("value", bytes, (c) => c.notNull())
    .addColumn("task_path", key, (c) => c.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("checkpoint_writes_pk", [
      "thread_id",
      "checkpoint_ns",
      "checkpoint_id",
      "task_id",
      "idx",
    ])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("checkpoint_writes").execute();
  await db.schema.dropTable("checkpoint_blobs").execute();
  await db.schema.dropTable("checkpoints").execute();
}
