import type { Kysely } from "kysely";
import type { ColumnTypes } from "./column-types.ts";

/**
 * Staff accounts (users, their studio sessions, API tokens, invites), the audit log, and who
 * works each handoff. Tokens are stored as SHA-256 digests only; passwords as argon2id hashes.
 */
export async function up(db: Kysely<unknown>, { key }: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", key, (c) => c.primaryKey())
    .addColumn("email", key, (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("staff_sessions")
    .addColumn("token_hash", key, (c) => c.primaryKey())
    .addColumn("user_id", key, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("staff_sessions_user")
    .on("staff_sessions")
    .column("user_id")
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", key, (c) => c.primaryKey())
    .addColumn("user_id", key, (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", key, (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();

  await db.schema
    .createTable("invites")
    .addColumn("token_hash", key, (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("email", key, (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("user_id", key, (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", key, (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", key)
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text")
    .addColumn("detail", "text")
    .execute();
  await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();

  await db.schema.alterTable("handoffs").addColumn("assignee_id", key).execute();
  await db.schema.alterTable("handoffs").addColumn("assignee_name", "text").execute();
  await db.schema.alterTable("handoffs").addColumn("agent_read_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("handoffs").dropColumn("agent_read_at").execute();
  await db.schema.alterTable("handoffs").dropColumn("assignee_name").execute();
  await db.schema.alterTable("handoffs").dropColumn("assignee_id").execute();
  await db.schema.dropTable("audit_log").execute();
  await db.schema.dropTable("invites").execute();
  await db.schema.dropTable("api_tokens").execute();
  await db.schema.dropTable("staff_sessions").execute();
  await db.schema.dropTable("users").execute();
}
