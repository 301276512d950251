import { retryWhileUnreachable } from "../db/index.ts";

/**
 * Work kept in order per phone: each phone's jobs run one batch at a time, in the order they were
 * pushed, while different phones run side by side (up to `concurrency` batches at once).
 * `takeBatch` decides how many waiting jobs the next batch takes, so a burst can be merged.
 *
 * @example
 * const queues = new PhoneQueues<Job>((phone, jobs) => handle(phone, jobs), () => 1, 16);
 * queues.push("16505551234", job);
 * await queues.idle();
 */
export class PhoneQueues<Job> {
  readonly #waiting = new Map<string, Job[]>();
  readonly #active = new Set<string>();
  /** Phones with waiting jobs and none running, in the order they became ready. */
  readonly #ready: string[] = [];
  #running = 0;
  #stopped = false;
  #idleWaiters: (() => void)[] = [];
  readonly #pauses: (() => void)[] = [];

  constructor(
    private readonly run: (phone: string, batch: Job[]) => Promise<void>,
    /** How many of the waiting jobs (at least one) the next batch takes. */
    private readonly takeBatch: (waiting: readonly Job[]) => number,
    private readonly concurrency: number,
    /** How long to wait before running a failed batch again; undefined: don't. */
    private readonly retryDelayOf: (error: unknown) => number | undefined = () => undefined,
  ) {}

  push(phone: string, job: Job): void {
    const waiting = this.#waiting.get(phone);
    if (waiting) waiting.push(job);
    else this.#waiting.set(phone, [job]);
    if (!this.#active.has(phone) && !waiting) this.#ready.push(phone);
    this.#pump();
  }

  /** Jobs waiting or running. */
  get pending(): number {
    let count = this.#running;
    for (const jobs of this.#waiting.values()) count += jobs.length;
    return count;
  }

  /** Resolves once no job waits or runs (once stopped: runs). */
  idle(): Promise<void> {
    if (this.#settled()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Starts no more batches; the running ones finish (a waiting retry gives up), waiting jobs are
   * left (and dropped).
   */
  stop(): void {
    this.#stopped = true;
    for (const wake of this.#pauses.splice(0)) wake();
    this.#pump();
  }

  /** Waits `ms`, or less when stopped meanwhile. */
  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#pauses.splice(this.#pauses.indexOf(wake), 1);
        resolve();
      }, ms);
      this.#pauses.push(wake);
    });
  }

  #settled(): boolean {
    return this.#stopped ? this.#running === 0 : this.pending === 0;
  }

  #pump(): void {
    while (!this.#stopped && this.#running < this.concurrency) {
      const phone = this.#ready.shift();
      if (phone === undefined) break;
      const waiting = this.#waiting.get(phone);
      if (!waiting || waiting.length === 0) continue;
      const batch = waiting.splice(0, Math.max(1, this.takeBatch(waiting)));
      if (waiting.length === 0) this.#waiting.delete(phone);
      this.#active.add(phone);
      this.#running += 1;
      void this.#runBatch(phone, batch);
    }
    if (this.#settled()) for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  async #runBatch(phone: string, batch: Job[]): Promise<void> {
    try {
      // While the database is unreachable the batch is tried again, the phone's next jobs
      // waiting behind it, so nothing is left half done or answered out of order; once stopped,
      // it stays in the inbox for the next start.
      for (;;) {
        try {
          await retryWhileUnreachable(() => this.run(phone, batch), {
            giveUp: () => this.#stopped,
          });
          break;
        } catch (error) {
          // A batch that asks to be run again later holds its phone's place until then.
          const delay = this.retryDelayOf(error);
          if (delay === undefined) throw error;
          // Stopped: the batch is left as it is, for the next start to take up.
          if (this.#stopped) break;
          await this.#pause(delay);
          if (this.#stopped) break;
        }
      }
    } catch (error) {
      // `run` records its own failures; this is the last guard, so one phone can't stall.
      console.error(`WhatsApp: processing messages of ${phone} failed:`, error);
    } finally {
      this.#running -= 1;
      this.#active.delete(phone);
      if (this.#waiting.has(phone)) this.#ready.push(phone);
      this.#pump();
    }
  }
}
