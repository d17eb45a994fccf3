/**
 * The benchmark's loopback server: plain `node:http`, answers built ahead where they can be, so
 * that the server is not what is measured. It speaks just enough of the API for the workloads
 * (create, get and list predictions, event streams, file uploads), checks the token and the
 * create body so that a client sending nonsense fails instead of looking fast, and counts what
 * it received so that each workload can check its client's result against the server's view.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  BENCH_VERSION,
  eventStreamBytes,
  fileWire,
  listPageJson,
  type PredictionState,
  predictionWire,
  ROUND_TRIP_OUTPUT,
  runOutput,
} from "./support/wire";

/** What the server does in one workload. */
export interface Scenario {
  /**
   * Milliseconds from creation to completion. 0 is the round-trip shape: a create answers
   * `starting`, and any later get answers `succeeded`.
   */
  predictionMs: number;
  /** The longest the server holds a `Prefer: wait` request, in milliseconds (the API's is 60 s). */
  waitWindowMs: number;
  /** Tokens in a finished prediction's output; a running one has the share done so far. */
  outputTokens: number;
  listPages: number;
  listPageSize: number;
  /** Output events in `GET /stream/:id`. */
  streamEvents: number;
  /** Read upload bodies at most this many MB/s, like a slow network; 0 for as fast as possible. */
  uploadThrottleMBps: number;
}

export const DEFAULT_SCENARIO: Scenario = {
  predictionMs: 0,
  waitWindowMs: 60_000,
  outputTokens: 30,
  listPages: 1,
  listPageSize: 100,
  streamEvents: 10,
  uploadThrottleMBps: 0,
};

/** What the server received since the last {@link BenchServer.reset}. */
export interface ServerCounts {
  creates: number;
  gets: number;
  lists: number;
  streams: number;
  uploads: number;
  /** Bytes of upload bodies, multipart framing included. */
  uploadBytes: number;
  /** Requests refused (bad token, bad body, unknown route). */
  refused: number;
}

/** The server's record of one prediction. */
export interface PredictionRecord {
  /** When it finished (or will), as `performance.timeOrigin + performance.now()` milliseconds. */
  completesAt: number;
  /** Requests about it: the create and every get. */
  requests: number;
}

export interface BenchServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Starts a workload: sets its scenario and clears every count and prediction. */
  reset(scenario: Partial<Scenario>): void;
  counts(): ServerCounts;
  prediction(id: string): PredictionRecord | undefined;
  close(): Promise<void>;
}

/** A wall-clock time in milliseconds that other processes can compare with theirs. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

const SLICE_BYTES = 64 * 1024;
const TOKEN = "r8_bench";

export async function startBenchServer(): Promise<BenchServer> {
  let scenario = DEFAULT_SCENARIO;
  let counts = zeroCounts();
  let predictions = new Map<string, PredictionState & { requests: number; finishAt: number }>();
  let nextId = 1;
  let listPages = new Map<number, string>();
  let streamBody: Buffer | undefined;
  let origin = "";

  const server = createServer((request, response) => {
    if (
      request.headers.authorization !== `Bearer ${TOKEN}` &&
      !request.url?.startsWith("/stream/")
    ) {
      refuse(response, 401, "Unauthenticated");
      return;
    }
    const url = request.url ?? "/";
    const method = request.method ?? "GET";
    if (method === "POST" && url === "/v1/predictions") return create(request, response);
    if (method === "POST" && url === "/v1/files") return upload(request, response);
    if (method === "GET" && url.startsWith("/v1/predictions/")) {
      return get(url.slice("/v1/predictions/".length), response);
    }
    if (method === "GET" && (url === "/v1/predictions" || url.startsWith("/v1/predictions?"))) {
      return list(url, response);
    }
    if (method === "GET" && url.startsWith("/stream/")) return stream(response);
    refuse(response, 404, `No route for ${method} ${url}`);
  });
  server.keepAliveTimeout = 30_000;

  function refuse(response: ServerResponse, status: number, detail: string): void {
    counts.refused++;
    sendJson(response, status, JSON.stringify({ title: "Refused", detail, status }));
  }

  function stateAt(record: PredictionState & { finishAt: number }, now: number): PredictionState {
    if (scenario.predictionMs === 0) return record;
    if (now >= record.finishAt) {
      return {
        ...record,
        status: "succeeded",
        output: runOutput(scenario.outputTokens),
        completedAt: record.finishAt,
      };
    }
    const done = Math.floor(
      ((now - record.createdAt) / scenario.predictionMs) * scenario.outputTokens,
    );
    return { ...record, status: "processing", output: runOutput(done) };
  }

  function create(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      let body: { version?: unknown; input?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        refuse(response, 400, "The body is not JSON.");
        return;
      }
      if (body.version !== BENCH_VERSION || typeof body.input !== "object" || !body.input) {
        refuse(response, 422, "Expected { version, input }.");
        return;
      }
      counts.creates++;
      const id = `p${nextId++}`;
      const createdAt = epochNow();
      const record = {
        id,
        status: "starting" as const,
        output: null,
        createdAt,
        completedAt: undefined,
        requests: 1,
        finishAt: createdAt + scenario.predictionMs,
      };
      predictions.set(id, record);
      const answer = () =>
        sendJson(
          response,
          201,
          JSON.stringify(predictionWire(origin, stateAt(record, epochNow()))),
        );
      const waitMs = preferWaitMs(request.headers.prefer, scenario.waitWindowMs);
      if (scenario.predictionMs === 0 || waitMs === undefined) {
        answer();
        return;
      }
      // Sync mode: hold the answer until the prediction finishes or the window ends. Timers
      // count from the event loop's cached clock and may fire a little early: check, and wait
      // out the rest.
      const holdUntil = createdAt + Math.min(waitMs, scenario.predictionMs);
      const answerWhenDue = () => {
        const early = holdUntil - epochNow();
        if (early > 0) setTimeout(answerWhenDue, Math.ceil(early));
        else answer();
      };
      setTimeout(answerWhenDue, holdUntil - createdAt);
    });
  }

  function get(id: string, response: ServerResponse): void {
    const record = predictions.get(id);
    if (!record) {
      refuse(response, 404, `No prediction ${id}`);
      return;
    }
    counts.gets++;
    record.requests++;
    const state =
      scenario.predictionMs === 0
        ? {
            ...record,
            status: "succeeded" as const,
            output: ROUND_TRIP_OUTPUT,
            completedAt: record.createdAt,
          }
        : stateAt(record, epochNow());
    sendJson(response, 200, JSON.stringify(predictionWire(origin, state)));
  }

  function list(url: string, response: ServerResponse): void {
    const cursor = Number(new URL(url, origin).searchParams.get("cursor") ?? 0);
    if (!Number.isInteger(cursor) || cursor < 0 || cursor >= scenario.listPages) {
      refuse(response, 400, `Bad cursor ${cursor}`);
      return;
    }
    counts.lists++;
    let page = listPages.get(cursor);
    if (page === undefined) {
      page = listPageJson(origin, cursor, scenario.listPages, scenario.listPageSize);
      listPages.set(cursor, page);
    }
    sendJson(response, 200, page);
  }

  function stream(response: ServerResponse): void {
    counts.streams++;
    streamBody ??= eventStreamBytes(scenario.streamEvents);
    const body = streamBody;
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
    let offset = 0;
    const writeMore = () => {
      while (offset < body.byteLength) {
        const slice = body.subarray(offset, offset + SLICE_BYTES);
        offset += slice.byteLength;
        if (!response.write(slice)) {
          response.once("drain", writeMore);
          return;
        }
      }
      response.end();
    };
    writeMore();
  }

  function upload(request: IncomingMessage, response: ServerResponse): void {
    let bytes = 0;
    const started = performance.now();
    const throttle = scenario.uploadThrottleMBps;
    request.on("data", (chunk: Buffer) => {
      bytes += chunk.byteLength;
      if (throttle > 0) {
        const aheadMs = (bytes / 1e6 / throttle) * 1000 - (performance.now() - started);
        if (aheadMs > 1) {
          request.pause();
          setTimeout(() => request.resume(), aheadMs);
        }
      }
    });
    request.on("end", () => {
      counts.uploads++;
      counts.uploadBytes += bytes;
      sendJson(response, 201, JSON.stringify(fileWire(origin, bytes)));
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    reset(next) {
      scenario = { ...DEFAULT_SCENARIO, ...next };
      counts = zeroCounts();
      predictions = new Map();
      listPages = new Map();
      streamBody = undefined;
    },
    counts: () => ({ ...counts }),
    prediction(id) {
      const record = predictions.get(id);
      return record && { completesAt: record.finishAt, requests: record.requests };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function zeroCounts(): ServerCounts {
  return { creates: 0, gets: 0, lists: 0, streams: 0, uploads: 0, uploadBytes: 0, refused: 0 };
}

function sendJson(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}

/** The hold a `Prefer: wait` or `Prefer: wait=n` header asks for, capped by the server's window. */
function preferWaitMs(header: string | string[] | undefined, windowMs: number): number | undefined {
  const text = Array.isArray(header) ? header.join(", ") : header;
  const match = text ? /(?:^|[\s,])wait(?:=(\d+))?(?:$|[\s,;])/.exec(text) : null;
  if (!match) return undefined;
  return Math.min(windowMs, match[1] === undefined ? 60_000 : Number(match[1]) * 1000);
}
