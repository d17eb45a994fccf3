import type { Context } from "hono";
import type { EmulatorEnv } from "../pipeline/context";

/** The origin the client reached the emulator at; URLs in answers use it. */
export function originOf(c: Context<EmulatorEnv>): string {
  return new URL(c.req.url).origin;
}

/** The validated body of the request, as the type the spec gives it. */
export function bodyOf<T>(c: Context<EmulatorEnv>): T {
  return c.get("input").body as T;
}

/**
 * A path parameter by its spec name, as hono decoded it. It is not decoded again: `%25zz` names
 * the id `%zz`, and a malformed escape such as `%ff` is kept as it came (and matches nothing).
 */
export function param(c: Context<EmulatorEnv>, name: string): string {
  const value = c.get("input").params[name];
  if (value === undefined) throw new Error(`The route has no path parameter ${name}.`);
  return value;
}
