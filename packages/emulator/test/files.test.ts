import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "@replicate-ts/emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useEmulator } from "./helpers/emulator";
import { apiCaller, TOKEN } from "./helpers/http";

interface FileObject {
  id: string;
  name: string;
  content_type: string;
  size: number;
  checksums: { sha256: string };
  metadata: Record<string, unknown>;
  urls: { get: string };
  created_at: string;
  expires_at: string;
}

function form(
  content: Blob,
  fields: Record<string, string> = {},
  filename = "hello.txt",
): FormData {
  const body = new FormData();
  body.append("content", content, filename);
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return body;
}

/** A multipart body whose `content` part streams from a controller the test drives. */
function streamedUpload(boundary: string) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const encoder = new TextEncoder();
  controller.enqueue(
    encoder.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  return {
    body,
    send: (bytes: Uint8Array) => controller.enqueue(bytes),
    finish: () => {
      controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
      controller.close();
    },
  };
}

describe("the Files API", () => {
  const { api, emulator } = useEmulator();
  const upload = (body: FormData) => api()<FileObject>("POST", "/files", { rawBody: body });

  test("uploads a file with its metadata, type and name, and reports its size and sha256", async () => {
    const text = "hello, emulator\n";
    const response = await upload(
      form(new Blob([text], { type: "text/plain" }), {
        metadata: JSON.stringify({ customer: 123 }),
      }),
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      name: "hello.txt",
      content_type: "text/plain",
      size: Buffer.byteLength(text),
      metadata: { customer: 123 },
      checksums: { sha256: createHash("sha256").update(text).digest("hex") },
    });
    expect(response.body.urls.get).toBe(`${emulator().baseUrl}/files/${response.body.id}`);
    expect(Date.parse(response.body.expires_at)).toBeGreaterThan(
      Date.parse(response.body.created_at),
    );
  });

  test("the type and filename fields override the part's own", async () => {
    const response = await upload(
      form(new Blob(["{}"], { type: "text/plain" }), {
        type: "application/json",
        filename: "data.json",
      }),
    );
    expect(response.body).toMatchObject({ content_type: "application/json", name: "data.json" });
  });

  test("lists newest first, gets and deletes", async () => {
    const a = await upload(form(new Blob(["a"])));
    const b = await upload(form(new Blob(["b"])));
    const list = await api()<{ results: FileObject[] }>("GET", "/files");
    expect(list.body.results.slice(0, 2).map((f) => f.id)).toEqual([b.body.id, a.body.id]);
    expect((await api()<FileObject>("GET", `/files/${a.body.id}`)).body.size).toBe(1);
    expect((await api()("DELETE", `/files/${a.body.id}`)).status).toBe(204);
    const gone = await api()<{ detail: string }>("GET", `/files/${a.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.detail).toBe("File not found");
    expect((await api()("DELETE", `/files/${a.body.id}`)).status).toBe(404);
  });

  test("downloads through a signed URL without a token; a bad signature or an expired URL is refused", async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252]);
    const file = (await upload(form(new Blob([bytes], { type: "application/octet-stream" })))).body;
    const url = emulator().fileDownloadUrl(file.id);
    expect(url.startsWith(`${emulator().baseUrl}/files/${file.id}/download?`)).toBe(true);
    const parsed = new URL(url);
    expect(parsed.pathname).toBe(`/v1/files/${file.id}/download`);
    expect([...parsed.searchParams.keys()].sort()).toEqual(["expiry", "owner", "signature"]);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);

    parsed.searchParams.set("signature", "AAAA");
    expect((await fetch(parsed)).status).toBe(403);

    const soon = emulator().fileDownloadUrl(file.id, {
      origin: emulator().url,
      expiresInSeconds: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 50)); // 5 emulated seconds
    expect((await fetch(soon)).status).toBe(403);
  });

  test("the control endpoint hands out signed download URLs too", async () => {
    const file = (await upload(form(new Blob(["via control"])))).body;
    const { url } = (await (
      await fetch(`${emulator().url}/_emulator/files/${file.id}/download-url`)
    ).json()) as {
      url: string;
    };
    expect(await (await fetch(url)).text()).toBe("via control");
  });

  test("a body without a content part is a 422 naming it", async () => {
    const body = new FormData();
    body.append("metadata", "{}");
    const response = await api()<{ detail: string }>("POST", "/files", { rawBody: body });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain("content");
  });

  test("metadata that is not a JSON object is a 422", async () => {
    const response = await api()<{ detail: string }>("POST", "/files", {
      rawBody: form(new Blob(["x"]), { metadata: "{not json" }),
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain("metadata");
  });

  test("a JSON body is a 415: uploads are multipart", async () => {
    const response = await api()("POST", "/files", { body: { content: "x" } });
    expect(response.status).toBe(415);
  });

  test("the request log summarises an upload without its bytes", async () => {
    await upload(form(new Blob(["secret bytes"]), { metadata: '{"k":1}' }));
    const entry = emulator().requests.last((r) => r.method === "POST" && r.path === "/v1/files");
    expect(entry?.body).toEqual({
      content: { filename: "hello.txt", contentType: "application/octet-stream", size: 12 },
      metadata: { k: 1 },
    });
    expect(entry?.headers.authorization).toBe("Bearer [redacted]");
  });
});

describe("upload size limit", () => {
  const { api, emulator } = useEmulator({ maxFileSize: 1000 });

  test("a file over maxFileSize is a 413 in the API's words", async () => {
    const response = await api()<{ detail: string; status: number }>("POST", "/files", {
      rawBody: form(new Blob([new Uint8Array(5000)])),
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({
      status: 413,
      detail: "Files must be less than 1000 bytes in size",
    });
  });

  test("a streamed upload without Content-Length gets 413 as it crosses the limit, and the server goes on", async () => {
    const boundary = "emulator-test-boundary";
    const upload = streamedUpload(boundary);
    const sent = fetch(`${emulator().baseUrl}/files`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${TOKEN}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
      },
      body: upload.body,
      duplex: "half",
    } as RequestInit);
    upload.send(new Uint8Array(3000));
    const response = await sent;
    expect(response.status).toBe(413);
    upload.finish();
    expect((await api()("GET", "/files")).status).toBe(200);
  });
});

describe("uploads stream to disk", () => {
  let directory: string;
  let emulator: RunningEmulator;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "emulator-upload-test-"));
    emulator = await startEmulator({ port: 0, uploadDir: directory, quiet: true });
  });
  afterAll(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function bytesOnDisk(): Promise<number> {
    let total = 0;
    for (const folder of await readdir(directory)) {
      for (const name of await readdir(join(directory, folder)))
        total += (await stat(join(directory, folder, name))).size;
    }
    return total;
  }

  test("the file grows on disk while the request body is still arriving", async () => {
    const boundary = "stream-to-disk";
    const upload = streamedUpload(boundary);
    const chunk = new Uint8Array(1024 * 1024).fill(7);
    const sent = fetch(`${emulator.baseUrl}/files`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${TOKEN}`,
        "content-type": `multipart/form-data; boundary=${boundary}`,
      },
      body: upload.body,
      duplex: "half",
    } as RequestInit);
    for (let i = 0; i < 4; i++) upload.send(chunk);
    // The body is not finished, yet most of what was sent is already in the file.
    let onDisk = 0;
    for (let i = 0; i < 200 && onDisk < 3 * 1024 * 1024; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      onDisk = await bytesOnDisk();
    }
    expect(onDisk).toBeGreaterThanOrEqual(3 * 1024 * 1024);
    for (let i = 0; i < 4; i++) upload.send(chunk);
    upload.finish();
    const response = await sent;
    expect(response.status).toBe(201);
    const file = (await response.json()) as FileObject;
    expect(file.size).toBe(8 * 1024 * 1024);
    const expected = createHash("sha256");
    for (let i = 0; i < 8; i++) expected.update(chunk);
    expect(file.checksums.sha256).toBe(expected.digest("hex"));
    const download = await fetch(emulator.fileDownloadUrl(file.id, { origin: emulator.url }));
    expect((await download.arrayBuffer()).byteLength).toBe(8 * 1024 * 1024);
  });

  test("closing the emulator deletes its upload folder", async () => {
    const other = await startEmulator({ port: 0, uploadDir: directory, quiet: true });
    await apiCaller(other.baseUrl)("POST", "/files", { rawBody: form(new Blob(["x"])) });
    const before = (await readdir(directory)).length;
    await other.close();
    expect((await readdir(directory)).length).toBe(before - 1);
  });
});
