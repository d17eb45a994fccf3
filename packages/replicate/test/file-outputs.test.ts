import Replicate, { FileExpiredError, FileOutput, ReplicateError } from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./support/loopback-server";
import { predictionWire } from "./support/predictions";

const TOKEN = "r8_file_outputs_token";

describe("file outputs of run()", () => {
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers.length = 0;
  });

  /** A file host answering /files/<name> with the name as content, and /gone/* with `goneStatus`. */
  async function fileHost(goneStatus = 404): Promise<LoopbackServer> {
    const host = await startLoopbackServer((request, response) => {
      if (request.url.startsWith("/gone/"))
        return sendJson(response, goneStatus, { detail: "gone" });
      const content = `content of ${request.url}`;
      response.writeHead(200, { "content-type": "image/png", "content-length": content.length });
      response.end(content);
    });
    servers.push(host);
    return host;
  }

  /** An API whose predictions succeed with `output` at once. */
  async function apiAnswering(output: (origin: string) => unknown): Promise<LoopbackServer> {
    const api: LoopbackServer = await startLoopbackServer((request, response) => {
      if (request.url.startsWith("/files/") || request.url.startsWith("/gone/")) {
        const content = `api file ${request.url}`;
        if (request.url.startsWith("/gone/")) return sendJson(response, 410, { detail: "gone" });
        response.writeHead(200, { "content-type": "text/plain" });
        return void response.end(content);
      }
      sendJson(
        response,
        201,
        predictionWire(api.origin, { status: "succeeded", output: output(api.origin) as never }),
      );
    });
    servers.push(api);
    return api;
  }

  it("turns file URLs into FileOutputs at any depth and leaves text as strings", async () => {
    const host = await fileHost();
    const api = await apiAnswering(() => ({
      images: [`${host.origin}/files/a.png`, `${host.origin}/files/b.png`],
      caption: "a photo of https://example.com",
      count: 2,
      preview: "data:text/plain;base64,aGVsbG8=",
    }));
    const replicate = new Replicate({ auth: TOKEN, baseUrl: api.baseUrl });
    const output = await replicate.run<{
      images: FileOutput[];
      caption: string;
      count: number;
      preview: FileOutput;
    }>("o/m:v1", { input: {} });
    expect(output.images[0]).toBeInstanceOf(FileOutput);
    expect(output.images[1]?.url).toBe(`${host.origin}/files/b.png`);
    expect(output.images[0]?.filename).toBe("a.png");
    expect(output.caption).toBe("a photo of https://example.com");
    expect(output.count).toBe(2);
    expect(output.preview).toBeInstanceOf(FileOutput);
    // Nothing is downloaded until asked.
    expect(host.requests).toHaveLength(0);
    expect(String(output.images[0])).toBe(`${host.origin}/files/a.png`);
    expect(`${output.images[1]}`).toBe(`${host.origin}/files/b.png`);
    expect(JSON.parse(JSON.stringify(output))).toEqual({
      images: [`${host.origin}/files/a.png`, `${host.origin}/files/b.png`],
      caption: "a photo of https://example.com",
      count: 2,
      preview: "data:text/plain;base64,aGVsbG8=",
    });
  });

  it("downloads with blob(), arrayBuffer(), text() and stream(), without the token on another origin", async () => {
    const host = await fileHost();
    const api = await apiAnswering(() => `${host.origin}/files/out.png`);
    const replicate = new Replicate({ auth: TOKEN, baseUrl: api.baseUrl });
    const file = await replicate.run<FileOutput>("o/m:v1", { input: {} });
    const blob = await file.blob();
    expect(blob.type).toBe("image/png");
    expect(await blob.text()).toBe("content of /files/out.png");
    expect(new TextDecoder().decode(await file.arrayBuffer())).toBe("content of /files/out.png");
    expect(await file.text()).toBe("content of /files/out.png");
    const streamed = await new Response(file.stream()).text();
    expect(streamed).toBe("content of /files/out.png");
    expect(host.requests).toHaveLength(4);
    for (const request of host.requests) expect(request.headers.authorization).toBeUndefined();
  });

  it("sends the token for a file on the API's own origin", async () => {
    const api = await apiAnswering((origin) => `${origin}/files/private.txt`);
    const replicate = new Replicate({ auth: TOKEN, baseUrl: api.baseUrl });
    const file = await replicate.run<FileOutput>("o/m:v1", { input: {} });
    expect(await file.text()).toBe("api file /files/private.txt");
    expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("decodes a data: URI output locally", async () => {
    const api = await apiAnswering(() => "data:image/png;base64,AAEC/w==");
    const file = await new Replicate({ auth: TOKEN, baseUrl: api.baseUrl }).run<FileOutput>(
      "o/m:v1",
      { input: {} },
    );
    const blob = await file.blob();
    expect(blob.type).toBe("image/png");
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0, 1, 2, 255]);
    expect(api.requests).toHaveLength(1);
  });

  it.each([404, 410])("explains that a file answering %i may have expired", async (status) => {
    const host = await fileHost(status);
    const api = await apiAnswering(() => `${host.origin}/gone/out.png?signature=secret`);
    const file = await new Replicate({ auth: TOKEN, baseUrl: api.baseUrl }).run<FileOutput>(
      "o/m:v1",
      { input: {} },
    );
    const error = await file.blob().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileExpiredError);
    expect((error as FileExpiredError).statusCode).toBe(status);
    expect((error as Error).message).toContain(
      `The file at ${host.origin}/gone/out.png is gone (${status})`,
    );
    expect((error as Error).message).toContain("may have expired");
    expect((error as Error).message).toContain("one hour");
    expect((error as Error).message).not.toContain("signature=secret");
    const streamError = await new Response(file.stream()).text().catch((caught: unknown) => caught);
    expect(streamError).toBeInstanceOf(FileExpiredError);
  });

  it("keeps URLs as strings with useFileOutput: false, on the client or per call", async () => {
    const host = await fileHost();
    const api = await apiAnswering(() => [`${host.origin}/files/a.png`]);
    const url = `${host.origin}/files/a.png`;
    const off = new Replicate({ auth: TOKEN, baseUrl: api.baseUrl, useFileOutput: false });
    expect(await off.run("o/m:v1", { input: {} })).toEqual([url]);
    expect(await off.run("o/m:v1", { input: {}, useFileOutput: true })).toEqual([
      expect.any(FileOutput),
    ]);
    const on = new Replicate({ auth: TOKEN, baseUrl: api.baseUrl });
    expect(await on.run("o/m:v1", { input: {}, useFileOutput: false })).toEqual([url]);
    expect(() => new Replicate({ useFileOutput: "yes" as never })).toThrow(
      /useFileOutput must be true or false/,
    );
  });

  it("saveTo() explains that it needs the Node entry when it is not loaded", async () => {
    const api = await apiAnswering(() => "data:text/plain,hi");
    const file = await new Replicate({ auth: TOKEN, baseUrl: api.baseUrl }).run<FileOutput>(
      "o/m:v1",
      { input: {} },
    );
    const error = await file.saveTo("/tmp/never-written").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReplicateError);
    expect((error as Error).message).toMatch(/import from replicate-ts\/node/);
  });
});
