import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Replicate, { TimeoutError } from "replicate-ts/node";
import { afterEach, describe, expect, it } from "vitest";

// The timeout of an upload counts from its last progress, not from its start: a large file on a
// slow link must not time out while bytes keep flowing, and a stalled one must.

/** A files endpoint that reads at most `bytesPerTick` every `tickMs`, like a slow network. */
async function slowReader(
  bytesPerTick: number,
  tickMs: number,
): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((request, response) => {
    let budget = bytesPerTick;
    const refill = setInterval(() => {
      budget = bytesPerTick;
      request.resume();
    }, tickMs);
    request.on("data", (chunk: Buffer) => {
      budget -= chunk.byteLength;
      if (budget <= 0) request.pause();
    });
    request.on("end", () => {
      clearInterval(refill);
      response.writeHead(201, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          id: "f1",
          content_type: "application/octet-stream",
          size: 0,
          checksums: {},
          metadata: {},
          created_at: "2026-01-01T00:00:00Z",
          expires_at: "2026-01-02T00:00:00Z",
          urls: { get: "http://files/f1" },
        }),
      );
    });
    request.on("close", () => clearInterval(refill));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

describe("upload timeouts (node:http transport)", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it("lets an upload run longer than the timeout while it keeps making progress", async () => {
    const slow = await slowReader(1 << 20, 40);
    server = slow.server;
    const replicate = new Replicate({
      auth: "t",
      baseUrl: slow.baseUrl,
      timeout: 250,
      maxRetries: 0,
    });
    const started = Date.now();
    await replicate.files.create({ file: new Uint8Array(32 << 20) });
    // The upload took longer than one timeout period (no earlier than), and did not time out.
    expect(Date.now() - started).toBeGreaterThan(700);
  });

  it("times out an upload whose body stalls", async () => {
    const slow = await slowReader(1 << 20, 10);
    server = slow.server;
    const replicate = new Replicate({
      auth: "t",
      baseUrl: slow.baseUrl,
      timeout: 200,
      maxRetries: 0,
    });
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(1000));
        // ...and nothing more, ever.
      },
    });
    await expect(replicate.files.create({ file: stalled })).rejects.toThrow(TimeoutError);
  });
});
