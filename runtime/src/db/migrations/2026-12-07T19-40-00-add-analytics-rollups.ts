import { type Kysely, sql } from "kysely";

/**
 * The analytics rollups: each day's counts per flow version (conversations, handoffs, turns and
 * their outcomes, feedback), its turns per intent and its unanswered turns per question, which
 * the turn, session and feedback writes keep up to date from now on; filled here from the runs,
 * sessions and feedback stored so far. And, for the conversations behind a figure, an index of
 * chats by last activity (a page of the newest stops early) and of users' messages by the start
 * of their normal question (trimmed, lower-cased).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const counter = "integer";
  await db.schema
    .createTable("analytics_days")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("flow_id", "text", (c) => c.notNull())
    .addColumn("flow_version", "integer", (c) => c.notNull())
    .$call((table) =>
      [
        "conversations",
        "handed_off",
        "conversation_turns",
        "turns",
        "fallbacks",
        "no_answers",
        "ratings",
        "positive",
        "negative",
      ].reduce(
        (columns, name) => columns.addColumn(name, counter, (c) => c.notNull().defaultTo(0)),
        table,
      ),
    )
    .addColumn("score_sum", "double precision", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("analytics_days_key", ["day", "flow_id", "flow_version"])
    .execute();
  for (const [table, label] of [
    ["analytics_intents", "intent"],
    ["analytics_questions", "question"],
  ] as const)
    await db.schema
      .createTable(table)
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("flow_id", "text", (c) => c.notNull())
      .addColumn("flow_version", "integer", (c) => c.notNull())
      .addColumn(label, "text", (c) => c.notNull())
      .addColumn("turns", counter, (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_key`, ["day", "flow_id", "flow_version", label])
      .execute();
  await db.schema.createIndex("chats_updated").on("chats").columns(["updated_at", "id"]).execute();
  await sql`create index chat_messages_question
    on chat_messages (substr(lower(trim(content)), 1, 200)) where role = 'user'`.execute(db);
  await backfillAnalyticsRollups(db);
}

/** Counts what the detailed tables hold into the (empty) rollups, as the writes would have. */
export async function backfillAnalyticsRollups(db: Kysely<unknown>): Promise<void> {
  const day = (column: string) => sql`substr(${sql.ref(column)}, 1, 10)`;
  const key = sql`(day, flow_id, flow_version)`;
  await sql`
    insert into analytics_days (day, flow_id, flow_version, conversations, handed_off, conversation_turns)
    select ${day("s.started_at")}, s.flow_id, s.flow_version, count(*),
      sum(coalesce(r.handed_off, 0)), sum(coalesce(r.turns, 0))
    from chat_sessions s left join (
      select thread_id, count(*) as turns,
        max(case when outcome = 'handoff' then 1 else 0 end) as handed_off
      from runs where outcome is not null group by thread_id
    ) r on r.thread_id = s.id
    where true
    group by 1, 2, 3`.execute(db);
  await sql`
    insert into analytics_days (day, flow_id, flow_version, turns, fallbacks, no_answers)
    select ${day("started_at")}, flow_id, flow_version, count(*),
      sum(case when outcome = 'fallback' then 1 else 0 end),
      sum(case when outcome = 'no_answer' then 1 else 0 end)
    from runs where outcome is not null
    group by 1, 2, 3
    on conflict ${key} do update set turns = excluded.turns, fallbacks = excluded.fallbacks,
      no_answers = excluded.no_answers`.execute(db);
  await sql`
    insert into analytics_days (day, flow_id, flow_version, ratings, score_sum, positive, negative)
    select ${day("r.started_at")}, r.flow_id, r.flow_version, count(*), sum(f.score),
      sum(case when f.score > 0 then 1 else 0 end), sum(case when f.score < 0 then 1 else 0 end)
    from feedback f join runs r on r.message_id = f.message_id
    where r.outcome is not null
    group by 1, 2, 3
    on conflict ${key} do update set ratings = excluded.ratings, score_sum = excluded.score_sum,
      positive = excluded.positive, negative = excluded.negative`.execute(db);
  await sql`
    insert into analytics_intents (day, flow_id, flow_version, intent, turns)
    select ${day("started_at")}, flow_id, flow_version, intent, count(*)
    from runs where outcome is not null and intent is not null
    group by 1, 2, 3, 4`.execute(db);
  await sql`
    insert into analytics_questions (day, flow_id, flow_version, question, turns)
    select ${day("r.started_at")}, r.flow_id, r.flow_version, lower(trim(m.content)), count(*)
    from runs r join chat_messages m on m.message_id = r.message_id
    where r.outcome in ('fallback', 'no_answer')
    group by 1, 2, 3, 4`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("chat_messages_question").execute();
  await db.schema.dropIndex("chats_updated").execute();
  for (const table of ["analytics_questions", "analytics_intents", "analytics_days"])
    await db.schema.dropTable(table).execute();
}
