import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Replicate, { AuthenticationError, type FileSource, markFileSource } from "replicate-ts";
import NodeReplicate from "replicate-ts/node";
import { afterEach, describe, expect, it } from "vitest";

// An upload the API has refused (a bad token, a file too large) must stop at once: sending the
// rest of a large file costs the user bandwidth and time for nothing.

const FILE_BYTES = 512 * 1024 * 1024;
const CHUNK = new Uint8Array(64 * 1024);

/** A large file made up as it is read, so the test needs neither disk nor memory. */
function largeFile(): FileSource {
  return markFileSource({
    name: "large.bin",
    type: "application/octet-stream",
    size: FILE_BYTES,
    stream: () => {
      let sent = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= FILE_BYTES) return controller.close();
          sent += CHUNK.byteLength;
          controller.enqueue(CHUNK);
        },
      });
    },
  });
}

interface RefusingServer {
  server: Server;
  baseUrl: string;
  /** Resolves when the upload's connection closes, with whether the whole body had arrived. */
  requestEnded: Promise<{ complete: boolean; bytes: number }>;
}

/** Answers 401 as soon as the request's headers arrive, and keeps reading what is sent. */
async function refusingServer(): Promise<RefusingServer> {
  let reportEnd!: (result: { complete: boolean; bytes: number }) => void;
  const requestEnded = new Promise<{ complete: boolean; bytes: number }>((resolve) => {
    reportEnd = resolve;
  });
  const server = createServer((request, response) => {
    let bytes = 0;
    request.on("data", (chunk: Buffer) => {
      bytes += chunk.byteLength;
    });
    // The request's own "close" does not come once the answer was sent: the socket's does.
    request.socket.on("close", () => reportEnd({ complete: request.complete, bytes }));
    response.writeHead(401, { "content-type": "application/json" });
    response.end(JSON.stringify({ detail: "Invalid token." }));
  });
  // Node closes an idle keep-alive socket after 5 s, even one still receiving a request body:
  // without this, the server would end a runaway upload itself and hide it.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return { server, baseUrl, requestEnded };
}

describe("an upload the API answered with an error", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it.each([
    ["node:http", NodeReplicate],
    ["fetch", Replicate],
  ] as const)("stops sending the file once the error is read (%s transport)", async (_, Client) => {
    const refusing = await refusingServer();
    server = refusing.server;
    const replicate = new Client({
      auth: "r8_upload_token",
      baseUrl: refusing.baseUrl,
      logLevel: "off",
    });
    await expect(replicate.files.create({ file: largeFile() })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    const ended = await refusing.requestEnded;
    expect(ended.complete).toBe(false);
    expect(ended.bytes).toBeLessThan(FILE_BYTES);
  });
});
