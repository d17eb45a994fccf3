import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { predictionWire } from "./predictions";

/** An event the fake stream sends. */
export interface ScriptedEvent {
  event: string;
  data: string;
  /** Sent as `id:` unless the server is told to omit ids. */
  id?: string;
}

export interface SseServerOptions {
  events: ScriptedEvent[];
  /** Leave out `id:` lines (a server that cannot resume by id replays from the start). */
  withoutIds?: boolean;
  /**
   * For each connection in turn, after how many events to cut it (in the middle of the next
   * event); `undefined` entries and connections past the list are not cut.
   */
  cutAfter?: (number | undefined)[];
  /** Keep the connection open after the last event instead of ending it. */
  holdOpen?: boolean;
  /** Serve the stream from a second server, on another origin. */
  foreignStream?: boolean;
  /** The prediction's status as GET answers it. */
  status?: string;
  error?: string | null;
}

/** A stream connection as the server saw it. */
export interface StreamConnection {
  headers: IncomingMessage["headers"];
  /** Resolves when the client closes the connection (or the server ends it). */
  closed: Promise<void>;
}

export interface SseServer {
  baseUrl: string;
  streamOrigin: string;
  connections: StreamConnection[];
  /** Method and path of every API request (not the stream). */
  apiRequests: string[];
  close(): Promise<void>;
}

/** Writes an SSE event; `text` may be cut short to simulate a connection lost mid-event. */
function serialize(event: ScriptedEvent, withId: boolean): string {
  const data = event.data
    .split("\n")
    .map((line) => `data: ${line}\n`)
    .join("");
  return `${withId && event.id !== undefined ? `id: ${event.id}\n` : ""}event: ${event.event}\n${data}\n`;
}

/**
 * A prediction API whose predictions stream the scripted events over real server-sent events,
 * honouring `Last-Event-ID`, with cuts injected for reconnection tests.
 */
export async function startSseServer(options: SseServerOptions): Promise<SseServer> {
  const connections: StreamConnection[] = [];
  const apiRequests: string[] = [];

  const serveStream = (request: IncomingMessage, response: ServerResponse) => {
    let resolveClosed!: () => void;
    const closed = new Promise<void>((resolve) => {
      resolveClosed = resolve;
    });
    response.on("close", resolveClosed);
    const index = connections.push({ headers: request.headers, closed }) - 1;
    const lastId = request.headers["last-event-id"];
    const start = lastId === undefined ? 0 : options.events.findIndex((e) => e.id === lastId) + 1;
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    // A short retry keeps reconnection tests fast.
    response.write("retry: 1\n\n");
    const cut = options.cutAfter?.[index];
    const remaining = options.events.slice(start);
    for (const [position, event] of remaining.entries()) {
      const text = serialize(event, !options.withoutIds);
      if (cut !== undefined && position === cut) {
        // The half event reaches the client before the connection is cut.
        response.write(text.slice(0, Math.ceil(text.length / 2)), () => {
          setTimeout(() => response.socket?.destroy(), 5);
        });
        return;
      }
      response.write(text);
    }
    if (!options.holdOpen) response.end();
  };

  const handleApi = (request: IncomingMessage, response: ServerResponse) => {
    apiRequests.push(`${request.method} ${request.url}`);
    const streamUrl = `${options.foreignStream ? foreign.origin : api.origin}/stream/p1`;
    const wire = predictionWire(api.origin, {
      status: (request.method === "GET" ? (options.status ?? "processing") : "starting") as never,
      error: request.method === "GET" ? (options.error ?? null) : null,
      urls: {
        get: `${api.origin}/v1/predictions/p1`,
        cancel: `${api.origin}/v1/predictions/p1/cancel`,
        stream: streamUrl,
        web: "https://replicate.com/p/p1",
      },
    });
    response.writeHead(request.method === "POST" && !request.url?.endsWith("/cancel") ? 201 : 200, {
      "content-type": "application/json",
    });
    response.end(JSON.stringify(wire));
  };

  const listen = async (handler: (request: IncomingMessage, response: ServerResponse) => void) => {
    const server = createServer((request, response) => {
      request.resume();
      request.on("end", () => handler(request, response));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      server,
      origin,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  };

  const api = await listen((request, response) =>
    request.url?.startsWith("/stream/")
      ? serveStream(request, response)
      : handleApi(request, response),
  );
  const foreign = await listen(serveStream);
  return {
    baseUrl: `${api.origin}/v1`,
    streamOrigin: options.foreignStream ? foreign.origin : api.origin,
    connections,
    apiRequests,
    close: async () => {
      await Promise.all([api.close(), foreign.close()]);
    },
  };
}

/** `count` output events with ids `1..count`, then `done`. */
export function tokenEvents(count: number): ScriptedEvent[] {
  const events: ScriptedEvent[] = [];
  for (let index = 1; index <= count; index++) {
    events.push({ event: "output", data: `token${index} `, id: String(index) });
  }
  events.push({ event: "done", data: "{}", id: String(count + 1) });
  return events;
}
