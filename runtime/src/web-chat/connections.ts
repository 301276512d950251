/** A socket as the registry needs it: something it can close with a close frame. */
interface Closable {
  close(code?: number, reason?: string): void;
}

/** The open WebSocket connections of this process, capped. */
export interface Connections {
  readonly size: number;
  readonly full: boolean;
  /** Registers a socket; false (and nothing registered) when the cap is reached. */
  add(socket: Closable): boolean;
  remove(socket: Closable): void;
  /** Closes every socket with a close frame (1001: going away). */
  closeAll(reason: string): void;
}

/** @example const connections = createConnections(1000); */
export function createConnections(max: number): Connections {
  const sockets = new Set<Closable>();
  return {
    get size() {
      return sockets.size;
    },
    get full() {
      return sockets.size >= max;
    },
    add(socket) {
      if (sockets.size >= max) return false;
      sockets.add(socket);
      return true;
    },
    remove(socket) {
      sockets.delete(socket);
    },
    closeAll(reason) {
      for (const socket of sockets) socket.close(1001, reason);
      sockets.clear();
    },
  };
}
