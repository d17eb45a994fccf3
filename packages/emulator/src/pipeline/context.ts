import type { RequestLogEntry } from "../request-log";
import type { Connection } from "./connection";

/** Everything the validation step learned about a request, in the shapes the spec gives. */
export interface ValidatedInput {
  /** Path parameters by their spec names (`prediction_id`). */
  params: Record<string, string>;
  /** Query parameters after type coercion and defaults (`limit` is a number). */
  query: Record<string, unknown>;
  /** The JSON body (`{}` when none was sent to an operation with a JSON schema), or the text of `QUERY /models`. */
  body: unknown;
  /** `Prefer: wait[=n]` in emulated seconds, for the operations that take it; else undefined. */
  preferWaitSeconds: number | undefined;
  /** `Cancel-After` in emulated milliseconds, for the operations that take it; else undefined. */
  cancelAfterMs: number | undefined;
}

/** The hono environment every emulator route runs in. */
export interface EmulatorEnv {
  Bindings: { connection: Connection };
  Variables: {
    input: ValidatedInput;
    logEntry: RequestLogEntry | undefined;
    /** Set by a fault: a server-sent event stream is cut after this many events. */
    dropStreamAfterEvents: number | undefined;
  };
}
