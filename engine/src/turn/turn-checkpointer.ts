import type { RunnableConfig } from "@langchain/core/runnables";
import {
  BaseCheckpointSaver,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointTuple,
  type PendingWrite,
} from "@langchain/langgraph-checkpoint";

/**
 * The caller's checkpointer, read once per turn: a turn first reads the thread's latest
 * checkpoint to see what it waits for, and LangGraph then reads it again to run the turn. The
 * first read is kept for the second, so a turn loads and decodes the conversation once. Every
 * other call goes straight through.
 */
export class TurnCheckpointer extends BaseCheckpointSaver {
  readonly #saver: BaseCheckpointSaver;
  readonly #kept = new Map<string, Promise<CheckpointTuple | undefined>>();

  constructor(saver: BaseCheckpointSaver) {
    super(saver.serde);
    this.#saver = saver;
  }

  /** Reads the thread's latest checkpoint and keeps it for the next `getTuple` of the thread. */
  readLatest(threadId: string): Promise<CheckpointTuple | undefined> {
    const read = this.#saver.getTuple({ configurable: { thread_id: threadId } });
    this.#kept.set(threadId, read);
    return read;
  }

  /** Drops what `readLatest` kept, if the turn ended without LangGraph reading it. */
  forget(threadId: string): void {
    this.#kept.delete(threadId);
  }

  getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const { thread_id, checkpoint_id, checkpoint_ns } = config.configurable ?? {};
    const kept = this.#kept.get(thread_id);
    if (kept && !checkpoint_id && !checkpoint_ns) {
      this.#kept.delete(thread_id);
      return kept;
    }
    return this.#saver.getTuple(config);
  }

  list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    return this.#saver.list(config, options);
  }

  put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    return this.#saver.put(config, checkpoint, metadata, newVersions);
  }

  putWrites(
    config: RunnableConfig,
    writes: PendingWrite[],
    taskId: string,
    taskPath?: string,
  ): Promise<void> {
    return this.#saver.putWrites(config, writes, taskId, taskPath);
  }

  deleteThread(threadId: string): Promise<void> {
    this.#kept.delete(threadId);
    return this.#saver.deleteThread(threadId);
  }

  override getDeltaChannelHistory(
    options: Parameters<BaseCheckpointSaver["getDeltaChannelHistory"]>[0],
  ): ReturnType<BaseCheckpointSaver["getDeltaChannelHistory"]> {
    return this.#saver.getDeltaChannelHistory(options);
  }

  override getNextVersion(current: number | undefined): number {
    return this.#saver.getNextVersion(current);
  }
}
