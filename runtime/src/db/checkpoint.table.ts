/**
 * One LangGraph checkpoint: the state after a superstep, serialised by the saver's `serde`, less
 * its channel values, which live in `CheckpointBlobTable` by version.
 */
export interface CheckpointTable {
  threadId: string;
  checkpointNs: string;
  checkpointId: string;
  parentCheckpointId: string | null;
  /** The serde's type tag for `checkpoint` ("json" for JsonPlusSerializer). */
  type: string;
  checkpoint: Uint8Array;
  metadata: Uint8Array;
}

/** A write a task made during a superstep, kept until the next checkpoint replays it. */
export interface CheckpointWriteTable {
  threadId: string;
  checkpointNs: string;
  checkpointId: string;
  taskId: string;
  /** The write's index in the task's list, or a negative index for special channels (errors, interrupts). */
  idx: number;
  channel: string;
  type: string;
  value: Uint8Array;
  /** The task's path, the first key writes are replayed by; "" when the write had none. */
  taskPath: string;
}

/**
 * A channel's value at one version. Checkpoints share the blobs of channels that didn't change,
 * so a long conversation stores each state of its message list once, not once per step.
 */
export interface CheckpointBlobTable {
  threadId: string;
  checkpointNs: string;
  channel: string;
  /** The channel version as text (LangGraph's versions are numbers or strings). */
  version: string;
  /** The serde's type tag, or "empty" for a channel that has a version but no value. */
  type: string;
  blob: Uint8Array | null;
}
