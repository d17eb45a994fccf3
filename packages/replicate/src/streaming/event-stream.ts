import {
  EventReader,
  type ServerSentEvent,
  type StreamDependencies,
  type StreamOptions,
} from "./event-reader";

export type {
  ServerSentEvent,
  StreamDependencies,
  StreamOptions,
  StreamSource,
} from "./event-reader";

/**
 * The server-sent events of a prediction, parsed with `eventsource-parser`. Consume it once:
 * event by event with `for await`, in batches with {@link batches} (fastest), or as text with
 * {@link text}. Leaving a loop with `break` closes the connection. A dropped connection is
 * re-opened with `Last-Event-ID`, and no event is delivered twice or lost.
 * @example
 * for await (const event of replicate.stream("meta/meta-llama-3-8b-instruct", { input })) {
 *   if (event.event === "output") process.stdout.write(event.data);
 * }
 */
export class PredictionStream implements AsyncIterable<ServerSentEvent> {
  readonly #dependencies: StreamDependencies;
  readonly #options: StreamOptions;
  #consumed = false;

  /** @internal Streams are made by `replicate.stream()` and `predictions.stream()`. */
  constructor(dependencies: StreamDependencies, options: StreamOptions = {}) {
    this.#dependencies = dependencies;
    this.#options = options;
  }

  /** Event by event. A `for await` step costs a promise per event; see {@link batches}. */
  [Symbol.asyncIterator](): AsyncIterator<ServerSentEvent, undefined, undefined> {
    return new EventIterator(this.#start());
  }

  /**
   * The events in arrays, as they arrive (one array per chunk read from the network). This
   * takes one `await` per chunk instead of one per event: use it when events come fast.
   * @example
   * for await (const events of stream.batches()) {
   *   for (const event of events) if (event.event === "output") write(event.data);
   * }
   */
  async *batches(): AsyncGenerator<ServerSentEvent[], void, undefined> {
    const reader = this.#start();
    try {
      for (let batch = await reader.readBatch(); batch; batch = await reader.readBatch()) {
        yield batch;
      }
    } finally {
      reader.close();
    }
  }

  /**
   * Calls `callback` for each event as it is parsed, and resolves once the stream is done: the
   * fastest way to consume a stream (no promise per event). Rejects like the loop would, or with
   * what `callback` throws (which also closes the connection).
   * @example
   * await replicate.stream(model, { input }).forEach((event) => {
   *   if (event.event === "output") process.stdout.write(event.data);
   * });
   */
  async forEach(callback: (event: ServerSentEvent) => void): Promise<void> {
    if (typeof callback !== "function") {
      throw new TypeError("forEach() takes a function called with each event.");
    }
    await this.#start().readAll(callback);
  }

  /**
   * Just the output text, piece by piece (the data of `output` events).
   * @example
   * for await (const text of replicate.stream(model, { input }).text()) process.stdout.write(text);
   */
  async *text(): AsyncGenerator<string, void, undefined> {
    for await (const events of this.batches()) {
      for (const event of events) {
        if (event.event === "output") yield event.data;
      }
    }
  }

  /** The whole output text, once the stream is done. */
  async finalText(): Promise<string> {
    let text = "";
    await this.forEach((event) => {
      if (event.event === "output") text += event.data;
    });
    return text;
  }

  #start(): EventReader {
    if (this.#consumed) {
      throw new TypeError("A prediction stream can be read only once: call stream() again.");
    }
    this.#consumed = true;
    return new EventReader(this.#dependencies, this.#options);
  }
}

/** Event-by-event iteration over an {@link EventReader}'s batches. */
class EventIterator implements AsyncIterator<ServerSentEvent, undefined, undefined> {
  readonly #reader: EventReader;
  #batch: ServerSentEvent[] = [];
  #index = 0;

  constructor(reader: EventReader) {
    this.#reader = reader;
  }

  next(): Promise<IteratorResult<ServerSentEvent, undefined>> {
    if (this.#index < this.#batch.length) {
      return Promise.resolve({ value: this.#batch[this.#index++]!, done: false });
    }
    return this.#refill();
  }

  /** Called by `break` (and `return` in the loop): closes the connection. */
  async return(): Promise<IteratorResult<ServerSentEvent, undefined>> {
    this.#reader.close();
    return { value: undefined, done: true };
  }

  async #refill(): Promise<IteratorResult<ServerSentEvent, undefined>> {
    const batch = await this.#reader.readBatch();
    if (!batch) return { value: undefined, done: true };
    this.#batch = batch;
    this.#index = 1;
    return { value: batch[0]!, done: false };
  }
}
