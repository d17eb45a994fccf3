import type { MiddlewareHandler } from "hono";
import { ApiProblem } from "../problem";
import { pathTemplateToRegExp, specOperations } from "../spec/openapi";
import type { EmulatorEnv } from "./context";

// Operations the spec marks `security: []` (GET /search) need no token.
const PUBLIC_OPERATIONS = specOperations
  .filter((op) => op.isPublic)
  .map((op) => ({ method: op.method, pattern: pathTemplateToRegExp(`/v1${op.path}`) }));

const DOWNLOAD_PATH = pathTemplateToRegExp("/v1/files/{file_id}/download");

function isExempt(method: string, path: string, url: URL): boolean {
  if (PUBLIC_OPERATIONS.some((op) => op.method === method && op.pattern.test(path))) return true;
  // A signed download URL is its own credential, like a pre-signed object-store URL.
  return method === "GET" && DOWNLOAD_PATH.test(path) && url.searchParams.has("signature");
}

function unauthenticated(detail: string): ApiProblem {
  return new ApiProblem(401, detail, {
    title: "Unauthenticated",
    headers: { "www-authenticate": 'Bearer realm="replicate"' },
  });
}

/**
 * Step 1 of the pipeline: checks `Authorization: Bearer <token>` (or the older `Token <token>`)
 * before anything else, so an unauthenticated request learns nothing about routes. With a token
 * list, only those tokens pass; otherwise any non-empty token does.
 */
export function authenticate(
  tokens: ReadonlySet<string> | undefined,
): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    if (isExempt(c.req.method, c.req.path, new URL(c.req.url))) return next();
    const header = c.req.header("authorization");
    if (!header || header.trim() === "") {
      throw unauthenticated("You did not pass an authentication token");
    }
    const match = /^(?:bearer|token)\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1] || (tokens && !tokens.has(match[1]))) {
      throw unauthenticated("You did not pass a valid authentication token");
    }
    return next();
  };
}
