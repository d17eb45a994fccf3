import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FetchFunction } from "../core/options";

/** Statuses whose responses have no body, which `new Response()` refuses to be given one. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A `fetch` built on `node:http`/`node:https`, used for requests with streamed bodies. Node's own
 * `fetch` (undici) keeps a copy of a streamed request body, so a 512 MiB upload costs 512 MiB of
 * memory there; this one applies the socket's backpressure and keeps memory flat.
 *
 * It understands what the SDK's core sends (method, headers, a body, a signal) and answers with a
 * web `Response`; connection failures reject with a `TypeError` whose `cause` carries Node's
 * error code, as `fetch` does.
 */
export const nodeStreamingFetch: FetchFunction = async (input, init = {}) => {
  const url = new URL(input instanceof Request ? input.url : input.toString());
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();
  const headers = new Headers(init.headers);
  const { body, contentType } = await bodyOf(init.body);
  if (contentType && !headers.has("content-type")) headers.set("content-type", contentType);

  // Loaded on the first streamed request rather than at import: node:https alone adds a few
  // milliseconds to the start of every program, and most programs never upload.
  const { request: send } =
    url.protocol === "https:" ? await import("node:https") : await import("node:http");
  return new Promise<Response>((resolve, reject) => {
    const outgoing = send(url, {
      method: init.method ?? "GET",
      headers: Object.fromEntries(headers),
      ...(signal ? { signal } : {}),
    });
    let answered = false;
    outgoing.once("response", (incoming) => {
      answered = true;
      resolve(responseFrom(incoming, url));
    });
    outgoing.once("error", (error) => {
      // After the answer came, a failure belongs to the response body, which reports it itself.
      if (answered) return;
      reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: error }));
    });
    if (body === undefined) {
      outgoing.end();
      return;
    }
    pipeline(body, outgoing).catch(() => {
      // The request's own "error" event reports the failure; a server that answered before
      // reading the whole body (e.g. 413) is not a failure of the exchange.
    });
  });
};

async function bodyOf(
  init: RequestInit["body"],
): Promise<{ body: Readable | undefined; contentType: string | null }> {
  if (init === undefined || init === null) return { body: undefined, contentType: null };
  if (init instanceof ReadableStream) {
    return {
      body: Readable.fromWeb(init as import("node:stream/web").ReadableStream),
      contentType: null,
    };
  }
  // Anything else (text, bytes, a Blob, form data) is turned into a stream the way fetch would.
  const wrapped = new Response(init);
  const stream = wrapped.body;
  return {
    body: stream ? Readable.fromWeb(stream as import("node:stream/web").ReadableStream) : undefined,
    contentType: wrapped.headers.get("content-type"),
  };
}

function responseFrom(incoming: IncomingMessage, url: URL): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const status = incoming.statusCode ?? 500;
  const body = NULL_BODY_STATUSES.has(status)
    ? null
    : (Readable.toWeb(incoming) as unknown as ReadableStream<Uint8Array>);
  if (body === null) incoming.resume();
  const response = new Response(body, {
    status,
    statusText: incoming.statusMessage ?? "",
    headers,
  });
  Object.defineProperty(response, "url", { value: url.href });
  return response;
}
