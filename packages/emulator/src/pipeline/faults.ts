import type { MiddlewareHandler } from "hono";
import type { FaultRegistry } from "../faults";
import { problemResponse, titleFor } from "../problem";
import type { EmulatorEnv } from "./context";
import { isControlPath } from "./control-path";

/**
 * Waits `ms` real milliseconds; resolves `false` at once if the client goes away or the emulator
 * closes first, so a delay never holds a timer past either.
 */
function delay(ms: number, signals: AbortSignal[]): Promise<boolean> {
  if (signals.some((signal) => signal.aborted)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (completed: boolean) => {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener("abort", onAbort);
      resolve(completed);
    };
    const onAbort = () => settle(false);
    const timer = setTimeout(() => settle(true), ms);
    for (const signal of signals) signal.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Applies injected faults before the real pipeline: a delay, a made-up status, a dropped
 * connection, or (for streams) a note to cut the stream after N events.
 *
 * @param shutdown aborts when the emulator closes; pending delays end then
 */
export function injectFaults(
  faults: FaultRegistry,
  shutdown: AbortSignal,
): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    c.set("dropStreamAfterEvents", undefined);
    if (isControlPath(c.req.path)) return next();
    const fault = faults.take(c.req.method, c.req.path);
    if (!fault) return next();

    if (fault.delayMs && !(await delay(fault.delayMs, [c.req.raw.signal, shutdown]))) {
      // Nobody is left to answer (the client left) or allowed to (the emulator closed).
      c.env.connection.drop();
      return new Response(null, { status: 500 });
    }
    if (fault.dropConnection) {
      if (fault.afterEvents !== undefined) {
        c.set("dropStreamAfterEvents", fault.afterEvents);
        return next();
      }
      c.env.connection.drop();
      return new Response(null, { status: 500 });
    }
    if (fault.status !== undefined) {
      const headers: Record<string, string> = { ...(fault.headers ?? {}) };
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      const body =
        fault.body !== undefined
          ? fault.body
          : {
              title: titleFor(fault.status),
              detail: "Fault injected by the emulator.",
              status: fault.status,
            };
      if (fault.status === 204 || fault.status === 304)
        return new Response(null, { status: fault.status, headers });
      return problemResponse(fault.status, body, headers);
    }
    return next();
  };
}
