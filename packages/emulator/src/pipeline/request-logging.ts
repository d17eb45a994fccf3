import type { MiddlewareHandler } from "hono";
import type { EmulatorLogger } from "../options";
import type { RequestLog } from "../request-log";
import type { EmulatorEnv } from "./context";
import { isControlPath } from "./control-path";

/**
 * Records each request in the request log (control endpoints excluded) and logs one line per
 * request once it has been answered.
 */
export function recordRequests(
  log: RequestLog,
  logger: EmulatorLogger,
): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    if (isControlPath(c.req.path)) {
      c.set("logEntry", undefined);
      return next();
    }
    const entry = log.record(c.req.raw);
    c.set("logEntry", entry);
    const started = performance.now();
    await next();
    const dropped = c.env.connection.dropped;
    entry.status = dropped ? undefined : c.res.status;
    const elapsed = Math.round(performance.now() - started);
    logger.info(`${entry.method} ${entry.path} ${dropped ? "dropped" : c.res.status} ${elapsed}ms`);
  };
}
