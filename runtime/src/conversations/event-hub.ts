import type { ChatNotice } from "./conversation-events.ts";

/** Receives a chat's events; returned by `subscribe` is the function that stops it. */
export type ChatListener<E = ChatNotice> = (event: E) => void;

/**
 * Delivers a chat's events to whoever listens to that chat (its open WebSockets). The local hub
 * serves one process; on PostgreSQL, `PostgresEventHub` carries events to every replica.
 */
export interface EventHub<E = ChatNotice> {
  publish(chatId: string, event: E): void;
  subscribe(chatId: string, listener: ChatListener<E>): () => void;
  /** Stops carrying events (after the server stopped, before the database closes). */
  close(): Promise<void>;
}

/**
 * An event hub for one process.
 *
 * @example
 * const hub = createLocalEventHub();
 * const stop = hub.subscribe(chatId, (event) => socket.send(JSON.stringify(event)));
 */
export function createLocalEventHub<E = ChatNotice>(): EventHub<E> {
  const listeners = new Map<string, Set<ChatListener<E>>>();
  return {
    publish(chatId, event) {
      for (const listener of listeners.get(chatId) ?? []) {
        try {
          listener(event);
        } catch (error) {
          // One broken socket must not keep the event from the others.
          console.error(error);
        }
      }
    },
    subscribe(chatId, listener) {
      let set = listeners.get(chatId);
      if (!set) {
        set = new Set();
        listeners.set(chatId, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(chatId) === set) listeners.delete(chatId);
      };
    },
    close: async () => {},
  };
}
