import type { RunnableConfig } from "@langchain/core/runnables";
import {
  BaseCheckpointSaver,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type CheckpointTuple,
  compareWritesSortKeys,
  copyCheckpoint,
  getCheckpointId,
  maxChannelVersion,
  type PendingWrite,
  type SerializerProtocol,
  TASKS,
  WRITES_IDX_MAP,
  writesSortKey,
} from "@langchain/langgraph-checkpoint";
import type { Insertable, Kysely, Selectable } from "kysely";
import type {
  CheckpointBlobTable,
  CheckpointTable,
  CheckpointWriteTable,
} from "./checkpoint.table.ts";
import { inTransaction } from "./in-transaction.ts";
import { preparedQuery } from "./prepared-query.ts";
import type { Tables } from "./tables.ts";

type CheckpointRow = Selectable<CheckpointTable>;
type WriteRow = Selectable<CheckpointWriteTable>;
interface CheckpointKey {
  threadId: string;
  checkpointNs: string;
  checkpointId: string;
}
type ThreadKey = Omit<CheckpointKey, "checkpointId">;

// Prepared: every turn reads the thread's latest checkpoint and writes one.
/** One checkpoint of the thread by its id, or without an id its latest. */
const findCheckpoint = preparedQuery(
  (db, { threadId, checkpointNs, checkpointId }: ThreadKey & { checkpointId?: string }) => {
    const query = db
      .selectFrom("checkpoints")
      .selectAll()
      .where("threadId", "=", threadId)
      .where("checkpointNs", "=", checkpointNs);
    return checkpointId === undefined
      ? query.orderBy("checkpointId", "desc").limit(1)
      : query.where("checkpointId", "=", checkpointId);
  },
);
const checkpointBlobs = preparedQuery(
  (db, { key, versions }: { key: ThreadKey; versions: [channel: string, version: string][] }) =>
    db
      .selectFrom("checkpointBlobs")
      .select(["channel", "type", "blob"])
      .where("threadId", "=", key.threadId)
      .where("checkpointNs", "=", key.checkpointNs)
      .where((eb) =>
        eb(
          eb.refTuple("channel", "version"),
          "in",
          versions.map(([channel, version]) => eb.tuple(channel, version)),
        ),
      ),
);
const checkpointWrites = preparedQuery((db, key: CheckpointKey) =>
  db
    .selectFrom("checkpointWrites")
    .selectAll()
    .where("threadId", "=", key.threadId)
    .where("checkpointNs", "=", key.checkpointNs)
    .where("checkpointId", "=", key.checkpointId),
);
const insertBlobs = preparedQuery((db, blobs: Insertable<CheckpointBlobTable>[]) =>
  db
    .insertInto("checkpointBlobs")
    .values(blobs)
    .onConflict((conflict) =>
      conflict.columns(["threadId", "checkpointNs", "channel", "version"]).doNothing(),
    ),
);
const upsertCheckpoint = preparedQuery(
  (db, { key, values }: { key: CheckpointKey; values: Omit<CheckpointRow, keyof CheckpointKey> }) =>
    db
      .insertInto("checkpoints")
      .values({ ...key, ...values })
      .onConflict((conflict) =>
        conflict.columns(["threadId", "checkpointNs", "checkpointId"]).doUpdateSet(values),
      ),
);
const writeKey = ["threadId", "checkpointNs", "checkpointId", "taskId", "idx"] as const;
// A task that retries writes the same regular writes again: keep the first copy.
const insertWrites = preparedQuery((db, rows: WriteRow[]) =>
  db
    .insertInto("checkpointWrites")
    .values(rows)
    .onConflict((conflict) => conflict.columns(writeKey).doNothing()),
);
// Special writes (errors, interrupts) have fixed negative indexes, and the latest one wins.
const replaceWrites = preparedQuery((db, rows: WriteRow[]) =>
  db
    .insertInto("checkpointWrites")
    .values(rows)
    .onConflict((conflict) =>
      conflict.columns(writeKey).doUpdateSet((eb) => ({
        channel: eb.ref("excluded.channel"),
        type: eb.ref("excluded.type"),
        value: eb.ref("excluded.value"),
        taskPath: eb.ref("excluded.taskPath"),
      })),
    ),
);

/** A checkpoint or its writes, serialized, to be stored on the database it is given. */
type CheckpointWrite = (db: Kysely<Tables>) => Promise<unknown>;

/** What a thread checkpoints while it is held, kept back for a transaction of the caller's. */
export interface HeldCheckpoints {
  /** Stores what the thread checkpointed while held, in `trx`, and stops holding it. */
  writeIn(trx: Kysely<Tables>): Promise<void>;
  /** Stops holding the thread; what it checkpointed meanwhile and was not written is dropped. */
  release(): void;
}

/** Holds threads' checkpoints back, so that a turn's state is stored with its messages. */
export interface CheckpointHolder {
  /** @throws Error when the thread is held already: only one turn of a thread runs at a time. */
  hold(threadId: string): HeldCheckpoints;
}

/**
 * LangGraph's checkpoint saver over the Switchboard database, on SQLite or PostgreSQL alike, so
 * a conversation resumes after a restart and on any replica. Checkpoints and writes are stored as
 * the `serde`'s bytes; metadata filters are applied after reading, which keeps the SQL the same
 * on both dialects.
 *
 * A held thread's checkpoints are kept in memory until the holder writes them in its own
 * transaction: a conversation's turn stores its state, its replies and its run record in one
 * commit, so no crash can leave one without the others. Reads meanwhile see the thread as it was
 * before the hold, which is what the turn that holds it started from.
 *
 * @example
 * const saver = new KyselyCheckpointSaver(database.db);
 * const graph = builder.compile({ checkpointer: saver });
 * const held = saver.hold(threadId);
 * await graph.invoke(input, { configurable: { thread_id: threadId } });
 * await inTransaction(database.db, (trx) => held.writeIn(trx));
 */
export class KyselyCheckpointSaver extends BaseCheckpointSaver implements CheckpointHolder {
  readonly #held = new Map<string, CheckpointWrite[]>();

  constructor(
    private readonly db: Kysely<Tables>,
    serde?: SerializerProtocol,
  ) {
    super(serde);
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const threadId: string | undefined = config.configurable?.thread_id;
    if (threadId === undefined) return undefined;
    const [row] = await findCheckpoint(this.db, {
      threadId,
      checkpointNs: config.configurable?.checkpoint_ns ?? "",
      checkpointId: getCheckpointId(config) || undefined,
    });
    return row && this.toTuple(row);
  }

  async *list(
    config: RunnableConfig,
    { before, limit, filter }: CheckpointListOptions = {},
  ): AsyncGenerator<CheckpointTuple> {
    const { thread_id, checkpoint_ns, checkpoint_id } = config.configurable ?? {};
    const beforeId: string | undefined = before?.configurable?.checkpoint_id;
    const filterEntries = Object.entries(filter ?? {});
    let query = this.db.selectFrom("checkpoints").selectAll().orderBy("checkpointId", "desc");
    if (thread_id !== undefined) query = query.where("threadId", "=", thread_id);
    if (checkpoint_ns !== undefined) query = query.where("checkpointNs", "=", checkpoint_ns);
    if (checkpoint_id) query = query.where("checkpointId", "=", checkpoint_id);
    if (beforeId) query = query.where("checkpointId", "<", beforeId);
    // With a filter the limit counts matching rows only, so it's applied while reading.
    if (limit !== undefined && filterEntries.length === 0) query = query.limit(limit);

    let left = limit ?? Number.POSITIVE_INFINITY;
    for (const row of await query.execute()) {
      if (left <= 0) return;
      const metadata = (await this.serde.loadsTyped("json", row.metadata)) as CheckpointMetadata;
      const record = metadata as Record<string, unknown>;
      if (!filterEntries.every(([key, value]) => record[key] === value)) continue;
      left -= 1;
      yield await this.toTuple(row, metadata);
    }
  }

  async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    const threadId: string | undefined = config.configurable?.thread_id;
    if (threadId === undefined) {
      throw new Error('Failed to put checkpoint: the config has no "thread_id" in "configurable".');
    }
    const checkpointNs: string = config.configurable?.checkpoint_ns ?? "";
    const { channel_values: channelValues, ...rest } = copyCheckpoint(checkpoint);
    const [[type, bytes], [, metadataBytes], blobs] = await Promise.all([
      this.serde.dumpsTyped({ ...rest, channel_values: {} }),
      this.serde.dumpsTyped(metadata),
      // Only the channels that changed get a new blob; the others keep the one of their version.
      Promise.all(
        Object.entries(newVersions).map(async ([channel, version]) => {
          const [blobType, blob] =
            channel in channelValues
              ? await this.serde.dumpsTyped(channelValues[channel])
              : ["empty", null];
          return {
            threadId,
            checkpointNs,
            channel,
            version: String(version),
            type: blobType,
            blob,
          };
        }),
      ),
    ]);
    const values = {
      parentCheckpointId: config.configurable?.checkpoint_id ?? null,
      type,
      checkpoint: bytes,
      metadata: metadataBytes,
    };
    await this.store(threadId, (db) =>
      inTransaction(db, async (trx) => {
        if (blobs.length > 0) await insertBlobs(trx, blobs);
        await upsertCheckpoint(trx, {
          key: { threadId, checkpointNs, checkpointId: checkpoint.id },
          values,
        });
      }),
    );
    return {
      configurable: {
        thread_id: threadId,
        checkpoint_ns: checkpointNs,
        checkpoint_id: checkpoint.id,
      },
    };
  }

  async putWrites(
    config: RunnableConfig,
    writes: PendingWrite[],
    taskId: string,
    taskPath = "",
  ): Promise<void> {
    const {
      thread_id: threadId,
      checkpoint_ns: checkpointNs = "",
      checkpoint_id: checkpointId,
    } = config.configurable ?? {};
    if (threadId === undefined || checkpointId === undefined) {
      throw new Error(
        'Failed to put writes: the config needs "thread_id" and "checkpoint_id" in "configurable".',
      );
    }
    if (writes.length === 0) return;
    const rows = await Promise.all(
      writes.map(async ([channel, value], index) => {
        const [type, bytes] = await this.serde.dumpsTyped(value);
        const idx = WRITES_IDX_MAP[channel] ?? index;
        return {
          threadId,
          checkpointNs,
          checkpointId,
          taskId,
          idx,
          channel,
          type,
          value: bytes,
          taskPath,
        };
      }),
    );
    const replaceExisting = writes.every(([channel]) => channel in WRITES_IDX_MAP);
    await this.store(threadId, (db) => (replaceExisting ? replaceWrites : insertWrites)(db, rows));
  }

  hold(threadId: string): HeldCheckpoints {
    if (this.#held.has(threadId))
      throw new Error(`The checkpoints of thread ${threadId} are held already by another turn.`);
    const writes: CheckpointWrite[] = [];
    this.#held.set(threadId, writes);
    const release = () => {
      if (this.#held.get(threadId) === writes) this.#held.delete(threadId);
    };
    return {
      async writeIn(trx) {
        release();
        for (const write of writes.splice(0)) await write(trx);
      },
      release,
    };
  }

  /** Stores a write now, or keeps it for the thread's holder. */
  private async store(threadId: string, write: CheckpointWrite): Promise<void> {
    const held = this.#held.get(threadId);
    if (held) held.push(write);
    else await write(this.db);
  }

  async deleteThread(threadId: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      await trx.deleteFrom("checkpointWrites").where("threadId", "=", threadId).execute();
      await trx.deleteFrom("checkpointBlobs").where("threadId", "=", threadId).execute();
      await trx.deleteFrom("checkpoints").where("threadId", "=", threadId).execute();
    });
  }

  private async toTuple(
    row: CheckpointRow,
    knownMetadata?: CheckpointMetadata,
  ): Promise<CheckpointTuple> {
    const [checkpoint, metadata, writes] = await Promise.all([
      this.readCheckpoint(row),
      knownMetadata ?? (this.serde.loadsTyped("json", row.metadata) as Promise<CheckpointMetadata>),
      this.readWrites(row),
    ]);
    const { threadId, checkpointNs, checkpointId, parentCheckpointId } = row;
    if (checkpoint.v < 4 && parentCheckpointId !== null) {
      await this.migratePendingSends(checkpoint, {
        threadId,
        checkpointNs,
        checkpointId: parentCheckpointId,
      });
    }
    const tuple: CheckpointTuple = {
      config: {
        configurable: {
          thread_id: threadId,
          checkpoint_ns: checkpointNs,
          checkpoint_id: checkpointId,
        },
      },
      checkpoint,
      metadata,
      pendingWrites: await Promise.all(
        writes.map(
          async (write): Promise<CheckpointPendingWrite> => [
            write.taskId,
            write.channel,
            await this.serde.loadsTyped(write.type, write.value),
          ],
        ),
      ),
    };
    if (parentCheckpointId !== null) {
      tuple.parentConfig = {
        configurable: {
          thread_id: threadId,
          checkpoint_ns: checkpointNs,
          checkpoint_id: parentCheckpointId,
        },
      };
    }
    return tuple;
  }

  /** The checkpoint with the channel values of its versions put back in. */
  private async readCheckpoint(row: CheckpointRow): Promise<Checkpoint> {
    const checkpoint = (await this.serde.loadsTyped(row.type, row.checkpoint)) as Checkpoint;
    const versions = Object.entries(checkpoint.channel_versions ?? {});
    if (versions.length === 0) return checkpoint;
    const blobs = await checkpointBlobs(this.db, {
      key: { threadId: row.threadId, checkpointNs: row.checkpointNs },
      versions: versions.map(([channel, version]) => [channel, String(version)]),
    });
    for (const { channel, type, blob } of blobs) {
      if (type !== "empty" && blob !== null) {
        checkpoint.channel_values[channel] = await this.serde.loadsTyped(type, blob);
      }
    }
    return checkpoint;
  }

  /** The writes of one checkpoint in the order live execution applied them. */
  private async readWrites({
    threadId,
    checkpointNs,
    checkpointId,
  }: CheckpointKey): Promise<WriteRow[]> {
    const rows = await checkpointWrites(this.db, { threadId, checkpointNs, checkpointId });
    // Sorted here, not in SQL: the order is by code point, which database collations don't promise.
    const key = (row: WriteRow) => writesSortKey(row.taskPath, row.taskId, row.idx);
    return rows.sort((a, b) => compareWritesSortKeys(key(a), key(b)));
  }

  /**
   * Checkpoints before format v4 kept pending `Send`s as writes to the TASKS channel of their
   * parent; v4 keeps them in the checkpoint, so older ones get them moved in on read.
   */
  private async migratePendingSends(checkpoint: Checkpoint, parent: CheckpointKey): Promise<void> {
    const sends = (await this.readWrites(parent)).filter((write) => write.channel === TASKS);
    const versions = Object.values(checkpoint.channel_versions ?? {});
    checkpoint.channel_values ??= {};
    checkpoint.channel_values[TASKS] = await Promise.all(
      sends.map((write) => this.serde.loadsTyped(write.type, write.value)),
    );
    checkpoint.channel_versions ??= {};
    checkpoint.channel_versions[TASKS] =
      versions.length > 0 ? maxChannelVersion(...versions) : this.getNextVersion(undefined);
  }
}
