import { getEventListeners } from "node:events";
import Replicate, { type FileOutput } from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./support/loopback-server";
import { predictionWire } from "./support/predictions";

const TOKEN = "r8_listener_token";

/**
 * A caller's signal often lives as long as the application (one per server, per worker). Every
 * request attaches a listener to it; each must be removed once the request is over, whether the
 * body was read to the end, failed or was canceled, or the listeners pile up (Node warns past 10).
 */
describe("abort listeners on the caller's signal", () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());

  async function start(): Promise<Replicate> {
    server = await startLoopbackServer((request, response) => {
      if (request.url.startsWith("/files/")) {
        response.writeHead(200, { "content-type": "application/octet-stream" });
        return void response.end("abc");
      }
      if (request.url.startsWith("/v1/files/f1/download")) {
        response.writeHead(200, { "content-type": "application/octet-stream" });
        return void response.end("file content");
      }
      const output = `${server!.origin}/files/out.bin`;
      sendJson(response, 201, predictionWire(server!.origin, { status: "succeeded", output }));
    });
    return new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, logLevel: "off" });
  }

  const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

  it("are all removed after FileOutput reads: text, blob, arrayBuffer and a stream read to its end", async () => {
    const replicate = await start();
    const signal = new AbortController().signal;
    const output = await replicate.run<FileOutput>("owner/model", { input: {} });
    for (let index = 0; index < 12; index++) {
      expect(await output.text({ signal })).toBe("abc");
    }
    await output.blob({ signal });
    await output.arrayBuffer({ signal });
    const reader = output.stream({ signal }).getReader();
    while (!(await reader.read()).done) {
      // Read to the end.
    }
    expect(listeners(signal)).toBe(0);
  });

  it("is removed when a download's body is canceled unread", async () => {
    const replicate = await start();
    const signal = new AbortController().signal;
    const response = await replicate.files.download(
      { url: `${server!.baseUrl}/files/f1/download?owner=a&expiry=1&signature=s` },
      { signal },
    );
    expect(listeners(signal)).toBe(1);
    await response.body?.cancel();
    expect(listeners(signal)).toBe(0);
  });

  it("are removed after downloads read to the end, and the Response keeps its status, headers and url", async () => {
    const replicate = await start();
    const signal = new AbortController().signal;
    const url = `${server!.baseUrl}/files/f1/download?owner=a&expiry=1&signature=s`;
    for (let index = 0; index < 5; index++) {
      const response = await replicate.files.download({ url }, { signal });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/octet-stream");
      expect(response.url).toBe(url);
      expect(await response.text()).toBe("file content");
    }
    expect(listeners(signal)).toBe(0);
  });
});
