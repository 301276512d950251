import { type Kysely, sql } from "kysely";
import pg from "pg";
import type { Tables } from "../db/index.ts";
import { KeyedMutex } from "../db/index.ts";
import type { ChatNotice } from "./conversation-events.ts";
import { type ChatListener, createLocalEventHub, type EventHub } from "./event-hub.ts";

export interface PostgresEventHubOptions {
  /** The server to LISTEN on, through a connection of the hub's own. */
  connectionString: string;
  /** Where NOTIFYs are sent from: the runtime's pool, which reconnects on its own. */
  db: Kysely<Tables>;
  /** One channel per deployment sharing a database (default `switchboard_events`). */
  channel?: string;
  /** Shown in `pg_stat_activity` for the listening connection. */
  applicationName?: string;
}

/** PostgreSQL refuses a payload of 8,000 bytes or more; a part's data leaves room for its header. */
const PART_BYTES = 7_000;
/** The longest wait between attempts to get the listening connection back. */
const MAX_RETRY_MS = 5_000;

/** Who sent a part, the chat, the event's number at its sender, and which part of how many. */
type PartHeader = [origin: string, chatId: string, eventId: number, index: number, count: number];

/**
 * An event hub for several runtime processes on one PostgreSQL database. `publish` delivers to
 * this process's sockets at once and sends the event with `NOTIFY`; each process LISTENs on a
 * connection of its own and delivers what the others sent (its own notifications come back too,
 * and are dropped, so no socket gets an event twice). Events of one chat are notified one after
 * another, so every process sees them in the order they were published; an event too large for
 * one notification goes as parts in one transaction, which PostgreSQL delivers together.
 *
 * While the listening connection is down it is reopened with backoff; events notified in the
 * meantime don't reach this process's sockets, but the messages they carry are in the chat's
 * history.
 *
 * @example
 * const hub = await PostgresEventHub.start({ connectionString: url, db: database.db });
 * hub.subscribe(chatId, (event) => socket.send(JSON.stringify(event)));
 */
export class PostgresEventHub<E = ChatNotice> implements EventHub<E> {
  readonly #local = createLocalEventHub<E>();
  /** Tells this process's notifications from the others'. */
  readonly #origin = crypto.randomUUID();
  readonly #order = new KeyedMutex();
  readonly #sending = new Set<Promise<void>>();
  /** Parts of large events received so far, by sender and event. */
  readonly #parts = new Map<string, string[]>();
  readonly #options: Required<PostgresEventHubOptions>;
  #client: pg.Client | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #eventCount = 0;
  #closed = false;

  private constructor(options: PostgresEventHubOptions) {
    this.#options = {
      channel: "switchboard_events",
      applicationName: "switchboard-events",
      ...options,
    };
    // It goes into LISTEN as an identifier, where only plain names are safe.
    if (!/^[a-z_][a-z0-9_]*$/.test(this.#options.channel))
      throw new TypeError(
        `a channel name is lowercase letters, digits and _ (got "${this.#options.channel}")`,
      );
  }

  /** Connects and LISTENs; fails when the first connection does, as the server's start should. */
  static async start<E = ChatNotice>(
    options: PostgresEventHubOptions,
  ): Promise<PostgresEventHub<E>> {
    const hub = new PostgresEventHub<E>(options);
    await hub.#listen();
    return hub;
  }

  publish(chatId: string, event: E): void {
    this.#local.publish(chatId, event);
    const sent = this.#order
      .run(chatId, () => this.#notify(chatId, event))
      .catch((error: unknown) =>
        console.error(
          `Chat ${chatId}: an event did not reach the other processes: ${(error as Error).message}`,
        ),
      );
    this.#sending.add(sent);
    void sent.finally(() => this.#sending.delete(sent));
  }

  subscribe(chatId: string, listener: ChatListener<E>): () => void {
    return this.#local.subscribe(chatId, listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    await Promise.all(this.#sending);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  async #notify(chatId: string, event: E): Promise<void> {
    const eventId = ++this.#eventCount;
    const parts = splitUtf8(JSON.stringify(event), PART_BYTES);
    const payloads = parts.map((data, index) => {
      const header: PartHeader = [this.#origin, chatId, eventId, index, parts.length];
      return `${JSON.stringify(header)}\n${data}`;
    });
    const { db } = this.#options;
    const notify = (target: Kysely<Tables>, payload: string) =>
      sql`select pg_notify(${this.#options.channel}, ${payload})`.execute(target);
    if (payloads.length === 1) await notify(db, payloads[0] as string);
    else
      await db.transaction().execute(async (trx) => {
        for (const payload of payloads) await notify(trx, payload);
      });
  }

  #receive(payload: string | undefined): void {
    const newline = payload?.indexOf("\n") ?? -1;
    if (!payload || newline < 0) return;
    const [origin, chatId, eventId, index, count] = JSON.parse(
      payload.slice(0, newline),
    ) as PartHeader;
    if (origin === this.#origin) return;
    let text = payload.slice(newline + 1);
    if (count > 1) {
      const key = `${origin}:${eventId}`;
      const parts = this.#parts.get(key) ?? [];
      parts[index] = text;
      if (parts.filter((part) => part !== undefined).length < count) {
        this.#parts.set(key, parts);
        return;
      }
      this.#parts.delete(key);
      text = parts.join("");
    }
    this.#local.publish(chatId, JSON.parse(text) as E);
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.#options.connectionString,
      application_name: this.#options.applicationName,
      connectionTimeoutMillis: 5_000,
    });
    client.on("notification", (message) => {
      try {
        this.#receive(message.payload);
      } catch (error) {
        console.error(`A chat event from another process was unreadable: ${error}`);
      }
    });
    // Either may come first when the server goes away; the first one starts the reconnection.
    client.on("error", () => this.#lost(client));
    client.on("end", () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`listen ${this.#options.channel}`);
    } catch (error) {
      forget(client);
      await client.end().catch(() => {});
      throw error;
    }
    this.#client = client;
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client || this.#closed) return;
    this.#client = undefined;
    forget(client);
    // A part-way event lost its other parts with the connection.
    this.#parts.clear();
    console.warn(
      "Lost the connection that receives chat events from other processes; reconnecting.",
    );
    this.#reconnect(100);
  }

  #reconnect(delayMs: number): void {
    this.#retry = setTimeout(async () => {
      if (this.#closed) return;
      try {
        await this.#listen();
        if (this.#closed) await this.close();
        else console.warn("Receiving chat events from other processes again.");
      } catch {
        this.#reconnect(Math.min(delayMs * 2, MAX_RETRY_MS));
      }
    }, delayMs);
  }
}

/** Stops listening to a client given up on; a late "error" must still have a listener, or it throws. */
function forget(client: pg.Client): void {
  client.removeAllListeners();
  client.on("error", () => {});
}

/** Cuts text into pieces of at most `maxBytes` in UTF-8, never inside a character. */
function splitUtf8(text: string, maxBytes: number): string[] {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return [text];
  const pieces: string[] = [];
  for (let start = 0; start < bytes.length; ) {
    let end = Math.min(start + maxBytes, bytes.length);
    // Back up over continuation bytes (10xxxxxx) to the start of a character.
    while (end < bytes.length && ((bytes[end] as number) & 0xc0) === 0x80) end -= 1;
    pieces.push(bytes.toString("utf8", start, end));
    start = end;
  }
  return pieces;
}
