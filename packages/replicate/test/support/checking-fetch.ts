import type { FetchFunction } from "replicate-ts";
import { checkResponse, findOperation } from "./openapi-contract";

/**
 * A `fetch` to inject into a client: it passes every call through and checks each answer's
 * status and JSON body against the spec, collecting what differs in `problems`.
 */
export function specCheckingFetch(basePath = "/v1"): { fetch: FetchFunction; problems: string[] } {
  const problems: string[] = [];
  const checkingFetch: FetchFunction = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const method = init?.method ?? "GET";
    const found = findOperation(method, url.pathname.replace(basePath, ""));
    if (!found || response.status >= 400) return response;
    const text = await response.clone().text();
    const type = response.headers.get("content-type") ?? "";
    const body = type.includes("application/json") && text !== "" ? JSON.parse(text) : undefined;
    for (const problem of checkResponse(found.operation.operationId, response.status, body)) {
      problems.push(`${method} ${url.pathname}: ${problem}`);
    }
    return response;
  };
  return { fetch: checkingFetch, problems };
}
