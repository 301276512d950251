import { describe, expect, it } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { findChatById } from "../../../runtime/src/conversations/chats.repository.ts";
import { addMessages } from "../../../runtime/src/conversations/messages.repository.ts";
import { openDatabase } from "../../../runtime/src/db/database.ts";
import { parseDatabaseUrl } from "../../../runtime/src/db/database-url.ts";
import { SwitchboardMigrations } from "../../../runtime/src/db/migrations/index.ts";
import { describeEachDialect, useTestStore } from "./test-database.ts";

describe("parseDatabaseUrl", () => {
  it("defaults to switchboard.db in the data directory", () => {
    expect(parseDatabaseUrl(undefined, { dataDir: "/srv/data" })).toEqual({
      dialect: "sqlite",
      path: "/srv/data/switchboard.db",
    });
    expect(parseDatabaseUrl("  ", { dataDir: "data" })).toEqual({
      dialect: "sqlite",
      path: "data/switchboard.db",
    });
  });

  it("reads sqlite: paths with or without slashes", () => {
    expect(parseDatabaseUrl("sqlite:chat.db", { dataDir: "x" })).toEqual({
      dialect: "sqlite",
      path: "chat.db",
    });
    expect(parseDatabaseUrl("sqlite:///var/lib/sb.db", { dataDir: "x" })).toEqual({
      dialect: "sqlite",
      path: "/var/lib/sb.db",
    });
  });

  it("switches to PostgreSQL for postgres:// and postgresql:// URLs", () => {
    const url = "postgresql://user:secret@db:6543/switchboard";
    expect(parseDatabaseUrl(url, { dataDir: "x" })).toEqual({
      dialect: "postgres",
      connectionString: url,
    });
  });

  it("rejects other schemes without echoing credentials", () => {
    expect(() => parseDatabaseUrl("mysql://root:secret@db/x", { dataDir: "x" })).toThrow(
      'DATABASE_URL must start with sqlite: or postgres:// (got "mysql:…")',
    );
  });
});

describe("openDatabase on the default SQLite file", () => {
  it("creates $DATA_DIR/switchboard.db in WAL mode with a busy timeout", async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), "sb-data-")), "nested");
    const database = await openDatabase(undefined, { dataDir });
    try {
      expect(await Bun.file(join(dataDir, "switchboard.db")).exists()).toBe(true);
      const { rows: journal } = await sql<{ journalMode: string }>`pragma journal_mode`.execute(
        database.db,
      );
      expect(journal[0]?.journalMode).toBe("wal");
      const { rows: timeout } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(
        database.db,
      );
      expect(timeout[0]?.timeout).toBe(5000);
    } finally {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("copies commits into the database file in the background, not in the server's commits", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "sb-data-"));
    const file = join(dataDir, "switchboard.db");
    const database = await openDatabase(undefined, { dataDir });
    try {
      const before = Bun.file(file).size;
      // 2 MB: 500 pages, well under the commits' own checkpoint threshold of 10,000.
      const draft = "x".repeat(2 * 1024 * 1024);
      await database.db
        .insertInto("flows")
        .values({ id: "big", name: "Big", draft, createdAt: "2026-01-01", updatedAt: "2026-01-01" })
        .execute();
      expect(Bun.file(file).size).toBe(before);
      const deadline = Date.now() + 3_000;
      while (Bun.file(file).size < before + draft.length && Date.now() < deadline)
        await Bun.sleep(50);
      expect(Bun.file(file).size).toBeGreaterThan(before + draft.length);
    } finally {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describeEachDialect("openDatabase", (dialect) => {
  const test = useTestStore(dialect);

  it("runs every migration and tells the dialect", async () => {
    const database = test.database();
    expect(database.dialect).toBe(dialect);
    // On PostgreSQL, only this test's schema: introspecting every schema races with other test
    // files dropping theirs ("schema … does not exist").
    const own =
      dialect === "sqlite"
        ? (await database.db.introspection.getTables()).map((table) => table.name)
        : (
            await sql<{ name: string }>`select table_name as name from information_schema.tables
              where table_schema = ${test.store().schema ?? ""}
                and table_name not like 'kysely_migration%'`.execute(database.db)
          ).rows.map((row) => row.name);
    expect(own.sort()).toEqual([
      "analytics_days",
      "analytics_intents",
      "analytics_questions",
      "api_conversations",
      "api_tokens",
      "audit_log",
      "canned_replies",
      "channel_bindings",
      "chat_messages",
      "chat_sessions",
      "chats",
      "checkpoint_blobs",
      "checkpoint_writes",
      "checkpoints",
      "feedback",
      "flow_versions",
      "flows",
      "handoff_replies",
      "handoffs",
      "intent_models",
      "invites",
      "knowledge_bases",
      "knowledge_entries",
      "run_model_calls",
      "run_nodes",
      "run_recordings",
      "runs",
      "staff_sessions",
      "users",
      "whatsapp_contacts",
      "whatsapp_inbox",
      "whatsapp_outbox",
      "whatsapp_statuses",
    ]);
  });

  it("opens an up-to-date database again without migrating twice", async () => {
    await test
      .database()
      .db.insertInto("chats")
      .values({
        id: "c1",
        userId: "u1",
        channel: "web",
        title: null,
        preview: null,
        createdAt: "2026-01-01T00:00:00.000Z",
        updatedAt: "2026-01-01T00:00:00.000Z",
      })
      .execute();
    const reopened = await test.store().open();
    const chat = await reopened.db.selectFrom("chats").select("id").executeTakeFirst();
    expect(chat?.id).toBe("c1");
  });

  it("counts the messages of chats written before chats counted them", async () => {
    const { db } = test.database();
    const migrator = new Migrator({
      db: db.withoutPlugins(),
      provider: new SwitchboardMigrations(dialect),
      migrationTableSchema: test.store().schema,
    });
    // Back to before the count, with chats and messages written then.
    const down = await migrator.migrateTo("2026-11-24T11-00-00-add-run-trace-url");
    // Every later migration is undone, newest first, down to the count's.
    const undone = down.results ?? [];
    expect(undone.map((result) => result.status)).toEqual(undone.map(() => "Success"));
    expect(undone.at(-1)?.migrationName).toBe("2026-11-25T09-00-00-add-chat-message-count");
    expect(undone.map((result) => result.migrationName)).toEqual(
      undone
        .map((result) => result.migrationName)
        .sort()
        .reverse(),
    );
    const at = "2026-01-01T00:00:00.000Z";
    await sql`insert into chats (id, user_id, channel, created_at, updated_at)
      values ('c1', 'u1', 'web', ${at}, ${at}), ('c2', 'u2', 'web', ${at}, ${at})`.execute(db);
    await sql`insert into chat_messages (chat_id, seq, message_id, role, content, created_at)
      values ('c1', 1, 'm1', 'user', 'Hi', ${at}), ('c1', 2, 'm2', 'assistant', 'Hello!', ${at})`.execute(
      db,
    );

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect((await findChatById(db, "c1"))?.messageCount).toBe(2);
    expect((await findChatById(db, "c2"))?.messageCount).toBe(0);
    const [next] = await addMessages(db, "c1", [{ role: "user", content: "Still there?" }]);
    expect(next?.seq).toBe(3);
  });
});
