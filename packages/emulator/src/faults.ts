import { randomId } from "./ids";

/**
 * A fault to inject into matching requests, for testing how clients cope with a misbehaving API.
 *
 * At least one of `status`, `dropConnection` or `delayMs` must be given:
 * - `status`: answer with this status (and a problem body, or `body`) instead of the real response;
 * - `dropConnection`: cut the connection without an answer (or, with `afterEvents`, part-way
 *   through a server-sent event stream);
 * - `delayMs` alone: wait this long (real milliseconds), then answer normally.
 */
export interface FaultOptions {
  /** HTTP method to match, e.g. `"POST"`; omitted or `"*"` matches every method. */
  method?: string;
  /**
   * The path to match. A string is a glob over the URL path: `*` matches within one segment, `**`
   * across segments. It may leave out the `/v1` prefix: `"/predictions/*"` matches
   * `/v1/predictions/abc`. A RegExp is tested against the full path.
   */
  path: string | RegExp;
  /** Status code to answer with. */
  status?: number;
  /** How many matching requests the fault applies to. @default 1 */
  times?: number | "always";
  /** `Retry-After` header value (seconds, or an HTTP date) sent with `status`. */
  retryAfter?: number | string;
  /** Real milliseconds to wait before answering (or before dropping). */
  delayMs?: number;
  /** Cut the connection instead of answering. */
  dropConnection?: boolean;
  /** With `dropConnection` on a stream URL: send this many events, then cut the connection. */
  afterEvents?: number;
  /** JSON body to answer with instead of the default problem body. */
  body?: unknown;
  /** Extra response headers sent with `status`. */
  headers?: Record<string, string>;
}

/** A fault as registered: its options plus bookkeeping. */
export interface Fault extends Omit<FaultOptions, "times"> {
  readonly id: string;
  /** Matching requests it will still apply to (`Infinity` for "always"). */
  remaining: number;
  /** Matching requests it has applied to so far. */
  hits: number;
}

function fail(message: string): never {
  throw new TypeError(message);
}

function checkOptions(options: FaultOptions): void {
  if (typeof options !== "object" || options === null)
    fail("A fault must be an object with at least a `path`.");
  const { path, status, times, retryAfter, delayMs, dropConnection, afterEvents } = options;
  if (!(path instanceof RegExp) && !(typeof path === "string" && path.startsWith("/"))) {
    fail(
      'A fault needs a `path` that starts with "/" (a glob such as "/v1/predictions/*") or a RegExp.',
    );
  }
  if (status !== undefined && !(Number.isInteger(status) && status >= 100 && status <= 599)) {
    fail(
      `A fault's \`status\` must be an HTTP status code from 100 to 599; got ${String(status)}.`,
    );
  }
  if (
    times !== undefined &&
    times !== "always" &&
    !(Number.isInteger(times) && (times as number) > 0) &&
    times !== Number.POSITIVE_INFINITY
  ) {
    fail(`A fault's \`times\` must be a positive integer or "always"; got ${String(times)}.`);
  }
  if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) {
    fail(
      `A fault's \`delayMs\` must be a number of milliseconds, 0 or more; got ${String(delayMs)}.`,
    );
  }
  if (
    retryAfter !== undefined &&
    typeof retryAfter !== "number" &&
    typeof retryAfter !== "string"
  ) {
    fail("A fault's `retryAfter` must be a number of seconds or an HTTP date string.");
  }
  if (afterEvents !== undefined) {
    if (!(Number.isInteger(afterEvents) && afterEvents >= 0)) {
      fail(
        `A fault's \`afterEvents\` must be a whole number, 0 or more; got ${String(afterEvents)}.`,
      );
    }
    if (dropConnection !== true)
      fail("A fault's `afterEvents` only makes sense with `dropConnection: true`.");
  }
  if (status === undefined && dropConnection !== true && delayMs === undefined) {
    fail(
      "A fault needs `status`, `dropConnection: true` or `delayMs`; it would change nothing otherwise.",
    );
  }
  if (status !== undefined && dropConnection === true) {
    fail("A fault can answer with a `status` or drop the connection, not both.");
  }
}

function globToRegExp(glob: string): RegExp {
  let pattern = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] ?? "";
    if (char === "*") {
      if (glob[i + 1] === "*") {
        pattern += ".*";
        i++;
      } else {
        pattern += "[^/]*";
      }
    } else {
      pattern += char.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    }
  }
  return new RegExp(`^${pattern}/?$`);
}

/**
 * The faults registered on an emulator. Each request takes the first fault that matches it; a
 * fault stops applying after `times` requests.
 *
 * @example
 * emulator.faults.add({ method: "POST", path: "/predictions", status: 429, retryAfter: 1 });
 * emulator.faults.add({ path: "/streams/*", dropConnection: true, afterEvents: 2 });
 */
export class FaultRegistry {
  #faults: { fault: Fault; matcher: RegExp }[] = [];

  /** Registers a fault and returns it (its `id` removes it). Throws a TypeError for bad options. */
  add(options: FaultOptions): Fault {
    checkOptions(options);
    const { times, ...rest } = options;
    const fault: Fault = {
      ...rest,
      id: `fault_${randomId().slice(0, 12)}`,
      remaining: times === undefined ? 1 : times === "always" ? Number.POSITIVE_INFINITY : times,
      hits: 0,
    };
    const matcher = options.path instanceof RegExp ? options.path : globToRegExp(options.path);
    this.#faults.push({ fault, matcher });
    return fault;
  }

  /** Removes one fault; returns whether it was registered. */
  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((entry) => entry.fault.id !== id);
    return this.#faults.length !== before;
  }

  /** Removes every fault. */
  clear(): void {
    this.#faults = [];
  }

  /** The faults that still apply to some request. */
  list(): Fault[] {
    return this.#faults.filter((entry) => entry.fault.remaining > 0).map((entry) => entry.fault);
  }

  /**
   * Finds the fault for a request and uses up one of its `times`, or returns `undefined`.
   * Paths match with or without the `/v1` prefix.
   */
  take(method: string, path: string): Fault | undefined {
    const withoutVersion = path.startsWith("/v1/") ? path.slice(3) : undefined;
    for (const { fault, matcher } of this.#faults) {
      if (fault.remaining <= 0) continue;
      if (
        fault.method &&
        fault.method !== "*" &&
        fault.method.toUpperCase() !== method.toUpperCase()
      ) {
        continue;
      }
      const matches =
        matcher.test(path) || (withoutVersion !== undefined && matcher.test(withoutVersion));
      if (!matches) continue;
      fault.remaining -= 1;
      fault.hits += 1;
      return fault;
    }
    return undefined;
  }

  /** The faults as plain JSON (the control endpoint's answer). */
  toJSON(): unknown[] {
    return this.list().map((fault) => ({
      ...fault,
      path: fault.path instanceof RegExp ? fault.path.toString() : fault.path,
      remaining: Number.isFinite(fault.remaining) ? fault.remaining : "always",
    }));
  }
}
