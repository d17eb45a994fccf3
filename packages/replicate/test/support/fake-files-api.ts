import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseMultipart, type ReceivedPart } from "./multipart";

/** A file the fake API stored. */
export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  metadata: Record<string, unknown>;
  data: Buffer;
  parts: ReceivedPart[];
}

/** A request the fake API received, with its raw body. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export interface FakeFilesApi {
  origin: string;
  baseUrl: string;
  files: Map<string, StoredFile>;
  requests: RecordedRequest[];
  /** Answers the next `count` uploads with `status` instead of storing them. */
  failUploads(status: number, count?: number): void;
  close(): Promise<void>;
}

/**
 * A small stand-in for the Files API (and a prediction create that echoes its input), over real
 * HTTP on loopback, that parses the multipart bodies it receives so tests can check them.
 */
export async function startFakeFilesApi(
  extra?: (request: RecordedRequest, response: ServerResponse) => boolean,
): Promise<FakeFilesApi> {
  const files = new Map<string, StoredFile>();
  const requests: RecordedRequest[] = [];
  let failures: { status: number; count: number } | undefined;
  let counter = 0;
  const server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const request: RecordedRequest = {
      method: incoming.method ?? "",
      url: incoming.url ?? "",
      headers: incoming.headers,
      body: Buffer.concat(chunks),
    };
    requests.push(request);
    if (extra?.(request, response)) return;
    const url = new URL(request.url, origin);
    const fileMatch = /^\/v1\/files\/([^/]+)(\/download)?$/.exec(url.pathname);
    if (request.method === "POST" && url.pathname === "/v1/files") {
      if (failures && failures.count > 0) {
        failures.count--;
        response.setHeader("retry-after", "0");
        return json(response, failures.status, { detail: "refused by the test" });
      }
      const parts = parseMultipart(request.body, request.headers["content-type"]);
      const content = parts.find((part) => part.name === "content");
      if (!content) return json(response, 400, { detail: "content is required" });
      const field = (name: string) => parts.find((part) => part.name === name)?.data.toString();
      const id = `file${++counter}`;
      const stored: StoredFile = {
        id,
        name: field("filename") ?? content.filename ?? "file",
        contentType: field("type") ?? "application/octet-stream",
        metadata: JSON.parse(field("metadata") ?? "{}"),
        data: content.data,
        parts,
      };
      files.set(id, stored);
      return json(response, 201, wire(stored));
    }
    if (request.method === "GET" && url.pathname === "/v1/files") {
      return json(response, 200, {
        next: null,
        previous: null,
        results: [...files.values()].map(wire),
      });
    }
    const stored = fileMatch ? files.get(decodeURIComponent(fileMatch[1]!)) : undefined;
    if (fileMatch && !stored) return json(response, 404, { detail: "File not found" });
    if (stored && request.method === "GET" && fileMatch?.[2]) {
      response.writeHead(200, {
        "content-type": stored.contentType,
        "content-length": stored.data.byteLength,
      });
      return void response.end(stored.data);
    }
    if (stored && request.method === "GET") return json(response, 200, wire(stored));
    if (stored && request.method === "DELETE") {
      files.delete(stored.id);
      response.writeHead(204);
      return void response.end();
    }
    json(response, 404, { detail: `no route for ${request.method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const wire = (file: StoredFile) => ({
    id: file.id,
    name: file.name,
    content_type: file.contentType,
    size: file.data.byteLength,
    checksums: { sha256: createHash("sha256").update(file.data).digest("hex") },
    metadata: file.metadata,
    created_at: "2026-01-01T00:00:00.000Z",
    expires_at: "2026-01-02T00:00:00.000Z",
    urls: { get: `${origin}/v1/files/${file.id}` },
  });
  return {
    origin,
    baseUrl: `${origin}/v1`,
    files,
    requests,
    failUploads: (status, count = 1) => {
      failures = { status, count };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
