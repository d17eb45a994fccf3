import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Replicate, {
  InvalidArgumentError,
  NotFoundError,
  RateLimitError,
  ReplicateFile,
} from "replicate-ts";
import { fileFromPath } from "replicate-ts/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeFilesApi, startFakeFilesApi } from "./support/fake-files-api";

const TOKEN = "r8_files_token";

/** Bytes 0..255 repeated: binary content that a text round trip would corrupt. */
function binary(length: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length }, (_, index) => index % 256);
}

function streamOf(...chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

// Importing replicate-ts/node gives clients without a fetch of their own the node:http upload
// transport; a client given `fetch` sends uploads with it. Both must upload the same bytes.
describe.each([
  ["the node:http streaming transport", false],
  ["fetch", true],
])("files over %s", (_name, useFetch) => {
  let api: FakeFilesApi;
  beforeEach(async () => {
    api = await startFakeFilesApi();
  });
  afterEach(() => api.close());

  const client = (options: { maxRetries?: number } = {}) =>
    new Replicate({
      auth: TOKEN,
      baseUrl: api.baseUrl,
      ...(useFetch ? { fetch: (input, init) => fetch(input, init) } : {}),
      logLevel: "off",
      ...options,
    });

  it("uses the transport it is meant to", async () => {
    await client().files.create({ file: binary(10) });
    // undici's fetch adds sec-fetch-mode to every request; node:http adds nothing of its own.
    expect(api.requests[0]?.headers["sec-fetch-mode"] !== undefined).toBe(useFetch);
  });

  it("uploads a File with its name and type, and wraps the answer", async () => {
    const bytes = binary(70_000);
    const file = await client().files.create({
      file: new File([bytes], "photo.png", { type: "image/png" }),
      metadata: { customer: "acme", n: 1 },
    });
    expect(file).toBeInstanceOf(ReplicateFile);
    expect(file.name).toBe("photo.png");
    expect(file.contentType).toBe("image/png");
    expect(file.size).toBe(70_000);
    expect(file.metadata).toEqual({ customer: "acme", n: 1 });
    expect(file.createdAt).toEqual(new Date("2026-01-01T00:00:00.000Z"));
    expect(file.urls.get).toBe(`${api.origin}/v1/files/file1`);
    const stored = api.files.get("file1")!;
    expect(Buffer.compare(stored.data, Buffer.from(bytes))).toBe(0);
    const content = stored.parts.find((part) => part.name === "content")!;
    expect(content.filename).toBe("photo.png");
    expect(content.contentType).toBe("image/png");
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("sends bytes as application/octet-stream named 'file' by default, with a Content-Length", async () => {
    const bytes = binary(3000);
    await client().files.create({ file: bytes });
    const stored = api.files.get("file1")!;
    expect(stored.contentType).toBe("application/octet-stream");
    expect(stored.name).toBe("file");
    expect(Buffer.compare(stored.data, Buffer.from(bytes))).toBe(0);
    const request = api.requests[0]!;
    expect(Number(request.headers["content-length"])).toBe(request.body.byteLength);
    expect(request.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
  });

  it("uploads an ArrayBuffer and a typed-array view of part of a buffer", async () => {
    const whole = binary(1000);
    await client().files.create({ file: whole.buffer as ArrayBuffer, filename: "a.bin" });
    await client().files.create({ file: new Uint8Array(whole.buffer, 100, 50), filename: "b.bin" });
    expect(api.files.get("file1")!.data.byteLength).toBe(1000);
    expect([...api.files.get("file2")!.data]).toEqual([...whole.subarray(100, 150)]);
  });

  it("streams a web ReadableStream of unknown length", async () => {
    const chunks = [binary(5000), binary(7000), binary(1)];
    await client().files.create({ file: streamOf(...chunks), filename: "stream.bin" });
    const stored = api.files.get("file1")!;
    expect(stored.data.byteLength).toBe(12_001);
    expect(api.requests[0]?.headers["transfer-encoding"]).toBe("chunked");
  });

  it("uploads a file from disk with fileFromPath, with a type guessed from its name", async () => {
    const directory = mkdtempSync(join(tmpdir(), "replicate-ts-files-"));
    const path = join(directory, "voice.wav");
    const bytes = binary(200_000);
    writeFileSync(path, bytes);
    const file = await client().files.create({ file: fileFromPath(path) });
    expect(file.name).toBe("voice.wav");
    expect(file.contentType).toBe("audio/wav");
    expect(Buffer.compare(api.files.get("file1")!.data, Buffer.from(bytes))).toBe(0);
  });

  it("re-sends the whole body when an upload is refused with 429 and retried", async () => {
    api.failUploads(429);
    const bytes = binary(50_000);
    await client({ maxRetries: 1 }).files.create({ file: new Blob([bytes]) });
    expect(api.requests.filter((request) => request.method === "POST")).toHaveLength(2);
    expect(Buffer.compare(api.files.get("file1")!.data, Buffer.from(bytes))).toBe(0);
  });

  it("does not retry an upload from a one-shot stream, which cannot be read twice", async () => {
    api.failUploads(429);
    const error = await client({ maxRetries: 2 })
      .files.create({ file: streamOf(binary(10)) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(api.requests).toHaveLength(1);
  });
});

describe("files: bad input is refused before anything is sent", () => {
  let api: FakeFilesApi;
  beforeEach(async () => {
    api = await startFakeFilesApi();
  });
  afterEach(() => api.close());
  const client = () => new Replicate({ auth: TOKEN, baseUrl: api.baseUrl });

  it("refuses a filename over 255 bytes of UTF-8, counting bytes and not characters", async () => {
    const accepted = "é".repeat(127); // 254 bytes
    await client().files.create({ file: binary(1), filename: accepted });
    expect(api.files.get("file1")?.name).toBe(accepted);
    const refused = client().files.create({ file: binary(1), filename: "é".repeat(128) });
    await expect(refused).rejects.toThrow(InvalidArgumentError);
    await expect(refused).rejects.toThrow(/256 bytes of UTF-8; the API accepts at most 255/);
    expect(api.requests).toHaveLength(1);
  });

  it("refuses a value that is not a file, an empty filename, and metadata that is not an object", async () => {
    const files = client().files;
    await expect(files.create({ file: "./photo.png" as never })).rejects.toThrow(
      /file must be a Blob or File/,
    );
    await expect(files.create({ file: binary(1), filename: "" })).rejects.toThrow(/filename/);
    await expect(files.create({ file: binary(1), metadata: [] as never })).rejects.toThrow(
      /metadata must be a JSON object/,
    );
    await expect(files.create({ file: binary(1), contentType: "png" })).rejects.toThrow(
      /contentType must be a MIME type/,
    );
    expect(api.requests).toHaveLength(0);
  });

  it("fileFromPath refuses a missing file at once, saying where it looked", () => {
    expect(() => fileFromPath("/no/such/file.png")).toThrow(InvalidArgumentError);
    expect(() => fileFromPath("/no/such/file.png")).toThrow(
      /there is no file at \/no\/such\/file.png/,
    );
    expect(() => fileFromPath(tmpdir())).toThrow(/not a regular file/);
  });
});

describe("files: list, get, delete, download", () => {
  let api: FakeFilesApi;
  beforeEach(async () => {
    api = await startFakeFilesApi();
  });
  afterEach(() => api.close());
  const client = () => new Replicate({ auth: TOKEN, baseUrl: api.baseUrl });

  it("lists, gets and deletes files", async () => {
    const replicate = client();
    await replicate.files.create({ file: binary(3), filename: "one" });
    await replicate.files.create({ file: binary(4), filename: "two" });
    const names: (string | undefined)[] = [];
    for await (const file of replicate.files.list()) names.push(file.name);
    expect(names).toEqual(["one", "two"]);
    const two = await replicate.files.get({ fileId: "file2" });
    expect(two.size).toBe(4);
    expect(two.checksums.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(JSON.stringify(two)).content_type).toBe("application/octet-stream");
    await expect(replicate.files.delete({ fileId: "file2" })).resolves.toBeUndefined();
    await expect(replicate.files.get({ fileId: "file2" })).rejects.toThrow(NotFoundError);
    await expect(replicate.files.get({ fileId: "a/b" })).rejects.toThrow(InvalidArgumentError);
  });

  it("downloads from a signed URL as an unread Response whose body streams the file", async () => {
    const replicate = client();
    const bytes = binary(300_000);
    await replicate.files.create({ file: bytes });
    const response = await replicate.files.download({
      url: `${api.origin}/v1/files/file1/download?owner=a&expiry=1&signature=s`,
    });
    expect(response.bodyUsed).toBe(false);
    let received = 0;
    const reader = response.body!.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      received += read.value.byteLength;
    }
    expect(received).toBe(300_000);
    const last = api.requests.at(-1)!;
    expect(last.url).toBe("/v1/files/file1/download?owner=a&expiry=1&signature=s");
    expect(last.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("refuses a download without the signed URL's parts, before sending anything", async () => {
    const files = client().files;
    await expect(files.download({ fileId: "file1" } as never)).rejects.toThrow(
      /needs owner, expiry, signature: the API serves files only through signed URLs/,
    );
    await expect(files.download({ url: "/v1/files/x" })).rejects.toThrow(
      /signed http\(s\) download URL/,
    );
    expect(api.requests).toHaveLength(0);
  });

  it("passes the signed-URL parameters of a download as its query", async () => {
    const replicate = client();
    await replicate.files.create({ file: binary(1) });
    await (
      await replicate.files.download({
        fileId: "file1",
        owner: "alice",
        expiry: 1708515345,
        signature: "zu/og=",
      })
    ).arrayBuffer();
    expect(api.requests.at(-1)!.url).toBe(
      "/v1/files/file1/download?owner=alice&expiry=1708515345&signature=zu%2Fog%3D",
    );
  });
});
