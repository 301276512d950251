/** The counters' bytes, and each counter's index. */
const HEADER_BYTES = 8;
const WRITTEN = 0;
const READ = 1;
/** An entry's length prefix. */
const LENGTH_BYTES = 4;

/**
 * A byte ring in shared memory that carries finished traces (as JSON) from the thread that runs
 * turns to the export worker: one writer, one reader. Writing is a copy and an atomic store: no
 * message, no wake-up of the worker, which drains the ring on its own schedule. Posting a message
 * per trace cost the turn's thread several times more than serializing the trace did.
 *
 * Layout: two 32-bit counters (bytes written, bytes read; they wrap), then the data, where each
 * entry is its length (4 bytes, little-endian) and its UTF-8 bytes, wrapping around the end.
 *
 * @example
 * const ring = new TraceRing(TraceRing.allocate(1 << 22));
 * if (!ring.write(JSON.stringify(job))) dropped += 1;
 * for (const json of ring.readAll()) build(JSON.parse(json)); // in the worker, same buffer
 */
export class TraceRing {
  /** A buffer for a ring of `capacity` data bytes (a power of two). */
  static allocate(capacity: number): SharedArrayBuffer {
    if (capacity < 16 || (capacity & (capacity - 1)) !== 0)
      throw new RangeError(`a trace ring's capacity must be a power of two, not ${capacity}`);
    return new SharedArrayBuffer(HEADER_BYTES + capacity);
  }

  readonly #counters: Int32Array;
  readonly #data: Uint8Array;
  readonly #mask: number;
  readonly #length = new DataView(new ArrayBuffer(4));
  readonly #encoder = new TextEncoder();
  readonly #decoder = new TextDecoder();

  constructor(buffer: SharedArrayBuffer) {
    this.#counters = new Int32Array(buffer, 0, 2);
    this.#data = new Uint8Array(buffer, HEADER_BYTES);
    this.#mask = this.#data.length - 1;
  }

  /** Appends one entry; false, and nothing written, when the ring has no room for it. */
  write(text: string): boolean {
    const bytes = this.#encoder.encode(text);
    const written = Atomics.load(this.#counters, WRITTEN);
    const used = (written - Atomics.load(this.#counters, READ)) >>> 0;
    if (used + LENGTH_BYTES + bytes.length > this.#data.length) return false;
    this.#length.setUint32(0, bytes.length, true);
    this.#copyIn(written, new Uint8Array(this.#length.buffer));
    this.#copyIn(written + LENGTH_BYTES, bytes);
    // The store publishes the entry: the reader reads no byte past the counter it loads.
    Atomics.store(this.#counters, WRITTEN, (written + LENGTH_BYTES + bytes.length) | 0);
    return true;
  }

  /** Takes every entry written so far, oldest first, and frees their room. */
  readAll(): string[] {
    const written = Atomics.load(this.#counters, WRITTEN);
    let read = Atomics.load(this.#counters, READ);
    const entries: string[] = [];
    while (read !== written) {
      const prefix = this.#copyOut(read, LENGTH_BYTES);
      const length = new DataView(prefix.buffer).getUint32(0, true);
      entries.push(this.#decoder.decode(this.#copyOut(read + LENGTH_BYTES, length)));
      read = (read + LENGTH_BYTES + length) | 0;
    }
    Atomics.store(this.#counters, READ, read);
    return entries;
  }

  #copyIn(position: number, bytes: Uint8Array): void {
    const start = position & this.#mask;
    const first = Math.min(bytes.length, this.#data.length - start);
    this.#data.set(bytes.subarray(0, first), start);
    if (first < bytes.length) this.#data.set(bytes.subarray(first), 0);
  }

  #copyOut(position: number, length: number): Uint8Array {
    const start = position & this.#mask;
    const first = Math.min(length, this.#data.length - start);
    const bytes = new Uint8Array(length);
    bytes.set(this.#data.subarray(start, start + first));
    if (first < length) bytes.set(this.#data.subarray(0, length - first), first);
    return bytes;
  }
}
