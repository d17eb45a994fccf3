import type { Socket } from "node:net";

/**
 * The transport under one request. Over a socket a fault can really cut the connection; in process
 * (the app's `fetch`) the same fault makes `fetch` reject the way a network failure does.
 */
export interface Connection {
  readonly kind: "socket" | "in-process";
  /** Ends the connection at once, without a response. */
  drop(): void;
  /**
   * Ends the connection part-way through a response: what was already written still reaches the
   * client, the rest never does (the client sees a truncated body).
   */
  cut(): void;
  /** Whether {@link drop} was called. */
  readonly dropped: boolean;
}

/** A connection served over node:http. */
export function socketConnection(socket: Socket | undefined): Connection {
  let dropped = false;
  return {
    kind: "socket",
    drop() {
      dropped = true;
      socket?.destroy();
    },
    cut() {
      dropped = true;
      if (!socket) return;
      // end() flushes what is buffered and sends FIN; the chunked body never gets its last chunk.
      socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
    },
    get dropped() {
      return dropped;
    },
  };
}

/** A connection for an in-process call; the app's `fetch` checks {@link Connection.dropped}. */
export function inProcessConnection(): Connection {
  let dropped = false;
  return {
    kind: "in-process",
    drop() {
      dropped = true;
    },
    cut() {
      dropped = true;
    },
    get dropped() {
      return dropped;
    },
  };
}
