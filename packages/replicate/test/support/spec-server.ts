import {
  type LoopbackServer,
  type ReceivedRequest,
  sendJson,
  startLoopbackServer,
} from "./loopback-server";
import { checkRequest, type RequestCheck } from "./openapi-contract";

/** A request the server matched to an operation of the spec. */
export interface OperationCall extends ReceivedRequest {
  operationId: string;
  pathParams: Record<string, string>;
  query: URLSearchParams;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  json: unknown;
}

/** What a handler answers: a status and a JSON body, or a text body. */
export type OperationAnswer =
  | { status: number; json?: unknown; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string };

export type OperationHandler = (call: OperationCall, origin: string) => OperationAnswer;

export interface SpecServer extends LoopbackServer {
  /** Requests matched to an operation, in order. */
  calls: OperationCall[];
  /** Each request's check against the spec (see openapi-contract.ts). */
  checks: RequestCheck[];
}

/**
 * A loopback server that answers by operation id (`"models.get"`), so a test names the API
 * operation rather than a URL pattern. Requests to operations without a handler get a 404 in the
 * API's problem shape; every request is also checked against the spec.
 */
export async function startSpecServer(
  handlers: Partial<Record<string, OperationHandler>>,
): Promise<SpecServer> {
  const calls: OperationCall[] = [];
  const checks: RequestCheck[] = [];
  const server = await startLoopbackServer((request, response) => {
    const check = checkRequest(request);
    checks.push(check);
    const handler = check.operationId ? handlers[check.operationId] : undefined;
    if (!check.operationId || !handler) {
      sendJson(response, 404, { title: "Not found", detail: "Not found.", status: 404 });
      return;
    }
    const call: OperationCall = {
      ...request,
      operationId: check.operationId,
      pathParams: check.pathParams,
      query: new URL(request.url, server.origin).searchParams,
      json: parseJson(request.body),
    };
    calls.push(call);
    const answer = handler(call, server.origin);
    if ("text" in answer) {
      response.writeHead(answer.status, { "content-type": answer.contentType });
      response.end(answer.text);
    } else if (answer.json === undefined) {
      response.writeHead(answer.status, answer.headers);
      response.end();
    } else {
      sendJson(response, answer.status, answer.json, answer.headers);
    }
  });
  return Object.assign(server, { calls, checks });
}

function parseJson(body: string): unknown {
  if (body === "") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
