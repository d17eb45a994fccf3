/** One request the emulator received, for assertions in tests. */
export interface RequestLogEntry {
  /** Increasing number, from 1. */
  readonly sequence: number;
  readonly method: string;
  /** The URL path, e.g. `/v1/predictions`. */
  readonly path: string;
  /** Query parameters; a parameter given twice keeps its last value. */
  readonly query: Record<string, string>;
  /** Request headers with lowercase names; `authorization` is redacted to its scheme. */
  readonly headers: Record<string, string>;
  /**
   * The body as the emulator read it: parsed JSON, text for `QUERY /models`, a summary of the parts
   * for a multipart upload (never the file bytes), or `undefined` when no body was read.
   */
  body: unknown;
  /** The response status, once known; `undefined` for a dropped connection. */
  status: number | undefined;
  /** Wall-clock time the request arrived, epoch milliseconds. */
  readonly receivedAt: number;
}

/** Replaces a credential with its scheme, e.g. `Bearer [redacted]`. */
export function redactAuthorization(value: string): string {
  const scheme = value.trim().split(/\s+/)[0] ?? "";
  return scheme && scheme !== value.trim() ? `${scheme} [redacted]` : "[redacted]";
}

/**
 * The log of requests received (control endpoints excluded). Keeps the latest `limit` entries.
 *
 * @example
 * const create = emulator.requests.find((r) => r.method === "POST" && r.path === "/v1/predictions");
 * expect(create?.headers.prefer).toBe("wait=5");
 */
export class RequestLog implements Iterable<RequestLogEntry> {
  #entries: RequestLogEntry[] = [];
  #sequence = 0;
  readonly #limit: number;

  constructor(limit = 1000) {
    this.#limit = limit;
  }

  /** Records a request as it arrives; the pipeline fills in `body` and `status` later. */
  record(request: Request): RequestLogEntry {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = name === "authorization" ? redactAuthorization(value) : value;
    });
    const entry: RequestLogEntry = {
      sequence: ++this.#sequence,
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: undefined,
      status: undefined,
      receivedAt: Date.now(),
    };
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit) this.#entries.shift();
    return entry;
  }

  /** Every entry, oldest first. */
  get entries(): readonly RequestLogEntry[] {
    return this.#entries;
  }

  get length(): number {
    return this.#entries.length;
  }

  /** The most recent entry, or the most recent one that matches. */
  last(predicate?: (entry: RequestLogEntry) => boolean): RequestLogEntry | undefined {
    for (let i = this.#entries.length - 1; i >= 0; i--) {
      const entry = this.#entries[i];
      if (entry && (!predicate || predicate(entry))) return entry;
    }
    return undefined;
  }

  /** The first entry that matches. */
  find(predicate: (entry: RequestLogEntry) => boolean): RequestLogEntry | undefined {
    return this.#entries.find(predicate);
  }

  /** Every entry that matches, oldest first. */
  filter(predicate: (entry: RequestLogEntry) => boolean): RequestLogEntry[] {
    return this.#entries.filter(predicate);
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries = [];
  }

  [Symbol.iterator](): Iterator<RequestLogEntry> {
    return this.#entries[Symbol.iterator]();
  }

  /** The log as plain JSON (the control endpoint's answer). */
  toJSON(): RequestLogEntry[] {
    return [...this.#entries];
  }
}
