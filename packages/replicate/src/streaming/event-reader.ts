import { createParser, type EventSourceMessage, type EventSourceParser } from "eventsource-parser";
import {
  ApiError,
  ConnectionError,
  ModelError,
  TimeoutError,
  type UnsuccessfulJob,
} from "../core/errors";
import type { HttpClient } from "../core/http";
import type { RequestOptions } from "../core/options";
import { retryDelay } from "../core/retry";
import { abortErrorFrom, combineSignals, sleep, throwIfAborted } from "../internal/abort";

/**
 * One server-sent event of a prediction's stream. `event` is `output` (a piece of the output),
 * `logs`, or `done` (the last); an `error` event rejects the stream instead of being yielded.
 */
export interface ServerSentEvent {
  /** `output`, `logs` or `done` (or `message` when the server named none). */
  event: string;
  /** The event's data: for `output`, the text the model produced. */
  data: string;
  /** The event's id, used to resume after a dropped connection. */
  id: string | undefined;
}

/** Options of a stream. */
export interface StreamOptions {
  /**
   * Stops the stream: the loop rejects with `AbortError` and the connection is closed. A
   * `signal` in the request options (the last argument) does the same: whichever fires first.
   * An already-aborted signal sends nothing.
   */
  signal?: AbortSignal | undefined;
  /**
   * How many times in a row a dropped connection is re-opened (with `Last-Event-ID`) before the
   * stream rejects with `ConnectionError`. @default 5
   */
  maxReconnects?: number | undefined;
}

/** Where a stream comes from and what it belongs to, as known once it is opened. */
export interface StreamSource {
  /** The prediction's id, for errors. */
  id: string;
  /** Its `urls.stream`. */
  url: string;
}

/** What a stream needs from the SDK. */
export interface StreamDependencies {
  http: HttpClient;
  /** Finds the stream (creating the prediction, if need be). Called once, on the first read. */
  open: (signal: AbortSignal) => Promise<StreamSource>;
  /** The prediction's final state, for the {@link ModelError} of a failed stream. */
  loadPrediction: (id: string) => Promise<UnsuccessfulJob>;
  /**
   * Called once when the caller's signal stopped the stream before it ended, with the
   * prediction if it was opened: when the loop rejected, or was left (`break`) after the abort.
   */
  onAbort?: ((source: StreamSource | undefined) => void) | undefined;
  requestOptions?: RequestOptions | undefined;
}

const DEFAULT_MAX_RECONNECTS = 5;
/** The server's `retry:` value is honoured up to this many milliseconds. */
const MAX_SERVER_RETRY_MS = 30_000;

/** Why a stream ended unsuccessfully, as its events said. */
interface StreamFailure {
  status: "failed" | "canceled";
  detail: string | undefined;
}

/**
 * Reads a prediction's event stream in batches: each {@link readBatch} reads until at least one
 * event is parsed, and hands over every event parsed so far. Reading only when asked lets the
 * socket's backpressure reach the server. Events are the parser's own objects, not copies.
 *
 * A cut connection is re-opened with `Last-Event-ID`; events a server sends again are dropped,
 * so that each is delivered once.
 */
export class EventReader {
  readonly #dependencies: StreamDependencies;
  readonly #maxReconnects: number;
  /** The caller's signals (of the stream options and of the request options) combined. */
  readonly #signal: AbortSignal | undefined;
  readonly #releaseSignals: () => void;
  readonly #controller = new AbortController();
  readonly #decoder = new TextDecoder();
  readonly #parser: EventSourceParser;
  readonly #onCallerAbort = () => this.#controller.abort(this.#signal?.reason);

  #source: StreamSource | undefined;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #batch: ServerSentEvent[] = [];
  /** Where a parsed event goes: into the batch, or straight to a caller's callback. */
  #deliver: (event: ServerSentEvent) => void = (event) => {
    this.#batch.push(event);
  };
  #ended = false;
  #closed = false;
  #abortReported = false;
  #failure: StreamFailure | undefined;
  /** The id of the last event delivered that had one. */
  #lastEventId: string | undefined;
  /** Events delivered after the one carrying the last id (or since the start), across reconnects. */
  #sinceLastId = 0;
  /** Events to drop after a reconnect: ones a server replays although they were delivered. */
  #skip = 0;
  #reconnects = 0;
  #serverRetryMs: number | undefined;

  constructor(dependencies: StreamDependencies, options: StreamOptions) {
    this.#dependencies = dependencies;
    this.#maxReconnects = options.maxReconnects ?? DEFAULT_MAX_RECONNECTS;
    const callerSignals = combineSignals(options.signal, dependencies.requestOptions?.signal);
    this.#signal = callerSignals.signal;
    this.#releaseSignals = callerSignals.dispose;
    // A signal that has already fired fires no event: the stream is stopped before it starts.
    if (this.#signal?.aborted) this.#onCallerAbort();
    else this.#signal?.addEventListener("abort", this.#onCallerAbort, { once: true });
    this.#parser = createParser({
      onEvent: (message) => this.#receive(message),
      onRetry: (milliseconds) => {
        this.#serverRetryMs = Math.min(milliseconds, MAX_SERVER_RETRY_MS);
      },
    });
  }

  /**
   * The next events, at least one; `undefined` once the stream is over. Rejects with
   * `ModelError` after the events that preceded a failure, `AbortError` when the caller's signal
   * fired, `ConnectionError` when the stream could not be resumed.
   */
  async readBatch(): Promise<ServerSentEvent[] | undefined> {
    for (;;) {
      if (this.#batch.length > 0) {
        const batch = this.#batch;
        this.#batch = [];
        return batch;
      }
      if (this.#failure) throw await this.#finishWithFailure(this.#failure);
      if (this.#ended || this.#closed) {
        this.close();
        return undefined;
      }
      try {
        await this.#readChunk();
      } catch (error) {
        this.close();
        throw this.#signal?.aborted ? this.#abortError() : error;
      }
    }
  }

  /**
   * Reads the whole stream, calling `callback` for each event as it is parsed: no batch, no
   * promise per event. Resolves after `done`; rejects as {@link readBatch} does, or with what
   * `callback` throws.
   */
  async readAll(callback: (event: ServerSentEvent) => void): Promise<void> {
    this.#deliver = callback;
    try {
      for (;;) {
        if (this.#failure) throw await this.#finishWithFailure(this.#failure);
        if (this.#ended || this.#closed) return;
        try {
          await this.#readChunk();
        } catch (error) {
          throw this.#signal?.aborted ? this.#abortError() : error;
        }
      }
    } finally {
      this.close();
    }
  }

  /**
   * Closes the connection; later reads end the stream. When the caller's signal has fired and
   * the stream had not ended (the loop was left with `break` after an abort), the abort is
   * reported too, so that a prediction created for the stream is canceled.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#signal?.removeEventListener("abort", this.#onCallerAbort);
    this.#releaseSignals();
    this.#controller.abort();
    this.#reader?.cancel().catch(() => {});
    this.#reader = undefined;
    if (this.#signal?.aborted && !this.#ended) this.#reportAbort();
  }

  #receive(message: EventSourceMessage): void {
    if (this.#ended || this.#failure) return;
    if (this.#skip > 0) {
      this.#skip--;
      return;
    }
    if (message.id !== undefined) {
      this.#lastEventId = message.id;
      this.#sinceLastId = 0;
    } else {
      this.#sinceLastId++;
    }
    this.#reconnects = 0;
    // The parser's object becomes the event: no copy per event. A nameless event is a
    // "message", as in the EventSource standard.
    const event = message as ServerSentEvent;
    const name = event.event;
    if (name === "output" || name === "logs") {
      this.#deliver(event);
    } else if (name === "done") {
      const reason = doneReason(event.data);
      if (reason === "canceled" || reason === "error") {
        this.#failure = { status: reason === "error" ? "failed" : "canceled", detail: undefined };
        return;
      }
      this.#ended = true;
      this.#deliver(event);
    } else if (name === "error") {
      this.#failure = { status: "failed", detail: errorDetail(event.data) };
    } else {
      if (name === undefined) event.event = "message";
      this.#deliver(event);
    }
  }

  async #readChunk(): Promise<void> {
    if (!this.#reader) {
      await this.#connect();
      return;
    }
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await this.#reader.read();
    } catch (cause) {
      if (this.#controller.signal.aborted) throw cause;
      await this.#reconnect(cause);
      return;
    }
    if (chunk.done) {
      // The server closed the stream without a `done` event: the connection was cut.
      await this.#reconnect(undefined);
      return;
    }
    this.#parser.feed(this.#decoder.decode(chunk.value, { stream: true }));
  }

  async #connect(): Promise<void> {
    const signal = this.#controller.signal;
    throwIfAborted(signal);
    this.#source ??= await this.#dependencies.open(signal);
    const headers: Record<string, string> = {
      Accept: "text/event-stream",
      "Cache-Control": "no-store",
    };
    if (this.#lastEventId !== undefined) headers["Last-Event-ID"] = this.#lastEventId;
    const response = await this.#dependencies.http.response({
      method: "GET",
      path: this.#source.url,
      headers,
      options: { ...this.#dependencies.requestOptions, signal },
    });
    if (!response.body) {
      throw new ConnectionError(`The stream of prediction ${this.#source.id} has no body.`);
    }
    this.#reader = response.body.getReader();
  }

  /**
   * Re-opens a cut stream after the last event received, waiting the server's `retry:` time or
   * a backoff between attempts; gives up after `maxReconnects` attempts in a row.
   */
  async #reconnect(cause: unknown): Promise<void> {
    this.#reader?.cancel().catch(() => {});
    this.#reader = undefined;
    // A partly received event is dropped: the server sends it again, whole, after the last id.
    this.#parser.reset();
    this.#decoder.decode();
    // Events after the last id were delivered: a server resuming from that id sends them again.
    this.#skip = this.#sinceLastId;
    const id = this.#source?.id ?? "";
    let lastFailure = cause;
    for (;;) {
      if (this.#reconnects >= this.#maxReconnects) {
        throw new ConnectionError(
          `The stream of prediction ${id} was cut before its "done" event and did not resume after ${this.#maxReconnects} reconnection attempts.`,
          { cause: lastFailure },
        );
      }
      this.#reconnects++;
      this.#dependencies.http.logger.warn(
        `The stream of prediction ${id} was cut; reconnecting (attempt ${this.#reconnects} of ${this.#maxReconnects})${this.#lastEventId === undefined ? "" : ` after event ${this.#lastEventId}`}`,
      );
      await sleep(
        this.#serverRetryMs ?? retryDelay(this.#reconnects, undefined),
        this.#controller.signal,
      );
      try {
        await this.#connect();
        return;
      } catch (error) {
        if (this.#controller.signal.aborted || !isTransient(error)) throw error;
        lastFailure = error;
      }
    }
  }

  async #finishWithFailure(failure: StreamFailure): Promise<Error> {
    this.#failure = undefined;
    this.#ended = true;
    this.close();
    const id = this.#source?.id ?? "";
    let prediction: UnsuccessfulJob;
    try {
      prediction = await this.#dependencies.loadPrediction(id);
    } catch {
      prediction = { id, status: failure.status, error: failure.detail ?? null };
    }
    if (failure.detail !== undefined && !prediction.error) {
      prediction = { ...prediction, error: failure.detail };
    }
    const reason =
      failure.detail ?? (typeof prediction.error === "string" ? prediction.error : undefined);
    return new ModelError(
      prediction,
      `Prediction ${id} ${failure.status} while streaming${reason ? `: ${reason}` : ""}`,
    );
  }

  #abortError(): Error {
    const error = abortErrorFrom(this.#signal!);
    this.#reportAbort();
    return error;
  }

  /** Tells the owner of the stream, once, that the caller aborted it. */
  #reportAbort(): void {
    if (this.#abortReported) return;
    this.#abortReported = true;
    this.#dependencies.onAbort?.(this.#source);
  }
}

/** Whether a failed reconnection is worth another attempt: no answer, or a 5xx or 429. */
function isTransient(error: unknown): boolean {
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  return error instanceof ApiError && (error.statusCode >= 500 || error.statusCode === 429);
}

/** The reason of a `done` event: `{"reason": "canceled"}`, `{"reason": "error"}` or none. */
function doneReason(data: string): string | undefined {
  if (!data || data === "{}") return undefined;
  try {
    const parsed = JSON.parse(data) as { reason?: unknown };
    return typeof parsed?.reason === "string" ? parsed.reason : undefined;
  } catch {
    return undefined;
  }
}

/** The message of an `error` event: its JSON `detail` (or `error`), else its text. */
function errorDetail(data: string): string | undefined {
  try {
    const parsed = JSON.parse(data) as Record<string, unknown>;
    const detail = parsed?.detail ?? parsed?.error ?? parsed?.message;
    if (typeof detail === "string") return detail;
  } catch {
    // Not JSON: the data is the message.
  }
  return data || undefined;
}
