import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Replicate, {
  AbortError,
  InternalServerError,
  InvalidArgumentError,
  MAX_DATA_URI_BYTES,
} from "replicate-ts";
import { fileFromPath } from "replicate-ts/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type FakeFilesApi,
  type RecordedRequest,
  startFakeFilesApi,
} from "./support/fake-files-api";
import { predictionWire } from "./support/predictions";

const TOKEN = "r8_file_inputs_secret_token";

/** Answers every create (prediction or training) with a prediction echoing the input it got. */
function echoCreates(origin: () => string) {
  return (request: RecordedRequest, response: import("node:http").ServerResponse) => {
    if (request.method !== "POST" || request.url === "/v1/files") return false;
    const { input } = JSON.parse(request.body.toString("utf8")) as { input: unknown };
    response.writeHead(201, { "content-type": "application/json" });
    response.end(
      JSON.stringify(
        predictionWire(origin(), { status: "succeeded", input: input as never, output: "ok" }),
      ),
    );
    return true;
  };
}

describe("file inputs", () => {
  let api: FakeFilesApi;
  beforeEach(async () => {
    api = await startFakeFilesApi(echoCreates(() => api.origin));
  });
  afterEach(() => api.close());

  const client = (options: ConstructorParameters<typeof Replicate>[0] = {}) =>
    new Replicate({ auth: TOKEN, baseUrl: api.baseUrl, logLevel: "off", ...options });
  const creates = () => api.requests.filter((request) => request.url !== "/v1/files");
  const sentInput = (index = 0) =>
    (JSON.parse(creates()[index]!.body.toString("utf8")) as { input: Record<string, unknown> })
      .input;
  const fileUrl = (id: string) => `${api.origin}/v1/files/${id}`;

  it("uploads files at any depth and sends their URLs, leaving every other value as it is", async () => {
    const directory = mkdtempSync(join(tmpdir(), "replicate-ts-inputs-"));
    const path = join(directory, "mask.png");
    writeFileSync(path, Buffer.from([1, 2, 3]));
    await client().predictions.create({
      version: "v1",
      input: {
        image: new File([new Uint8Array([9, 9])], "cat.jpg", { type: "image/jpeg" }),
        settings: { mask: fileFromPath(path), strength: 0.5, tags: ["a", new Uint8Array([7])] },
        audio: new ReadableStream({
          start(controller) {
            controller.enqueue(new Uint8Array([5, 5, 5]));
            controller.close();
          },
        }),
        path: "./not/a/file.png",
        url: "https://example.com/photo.png",
        when: null,
      },
    });
    // Uploads run a few at a time, so ids follow arrival order: look each URL's file up.
    const input = sentInput() as {
      image: string;
      settings: { mask: string; strength: number; tags: [string, string] };
      audio: string;
    };
    const stored = (url: string) => {
      const file = api.files.get(url.slice(fileUrl("").length))!;
      return [file.name, file.contentType, [...file.data]];
    };
    expect(stored(input.image)).toEqual(["cat.jpg", "image/jpeg", [9, 9]]);
    expect(stored(input.settings.mask)).toEqual(["mask.png", "image/png", [1, 2, 3]]);
    expect(stored(input.settings.tags[1])).toEqual(["file", "application/octet-stream", [7]]);
    expect(stored(input.audio)).toEqual(["file", "application/octet-stream", [5, 5, 5]]);
    expect(api.files.size).toBe(4);
    expect(input).toEqual({
      image: expect.stringMatching(/\/v1\/files\/file\d$/),
      settings: { mask: expect.any(String), strength: 0.5, tags: ["a", expect.any(String)] },
      audio: expect.any(String),
      path: "./not/a/file.png",
      url: "https://example.com/photo.png",
      when: null,
    });
  });

  it("sends an input without files untouched and uploads nothing", async () => {
    const input = { prompt: "/etc/passwd", image: "data:image/png;base64,AAAA", n: [1, { x: 2 }] };
    await client().predictions.create({ version: "v1", input });
    expect(api.files.size).toBe(0);
    expect(sentInput()).toEqual(input);
  });

  it("uploads files for every way of creating: model, deployment, training and run()", async () => {
    const replicate = client();
    const file = () => new Blob([new Uint8Array([1])]);
    await replicate.models.predictions.create({
      modelOwner: "o",
      modelName: "m",
      input: { f: file() },
    });
    await replicate.deployments.predictions.create({
      deploymentOwner: "o",
      deploymentName: "d",
      input: { f: file() },
    });
    await replicate.trainings.create({
      modelOwner: "o",
      modelName: "m",
      versionId: "v1",
      destination: "me/trained",
      input: { f: file() },
    });
    await replicate.run("o/m:v1", { input: { f: file() } });
    expect(creates().map((request) => request.url)).toEqual([
      "/v1/models/o/m/predictions",
      "/v1/deployments/o/d/predictions",
      "/v1/models/o/m/versions/v1/trainings",
      "/v1/predictions",
    ]);
    expect([0, 1, 2, 3].map((index) => sentInput(index).f)).toEqual([
      fileUrl("file1"),
      fileUrl("file2"),
      fileUrl("file3"),
      fileUrl("file4"),
    ]);
  });

  it("does not create the prediction when an upload fails", async () => {
    api.failUploads(500, 10);
    const error = await client({ maxRetries: 0 })
      .predictions.create({ version: "v1", input: { f: new Uint8Array([1]) } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(creates()).toHaveLength(0);
  });

  it("run() stops uploading and creates nothing when its signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const pending = client().run("o/m:v1", {
      input: { f: new Uint8Array([1]) },
      signal: controller.signal,
    });
    await expect(pending).rejects.toThrow(AbortError);
    expect(api.requests).toHaveLength(0);
  });

  describe('fileEncodingStrategy "data-uri"', () => {
    it("inlines files as data URIs, per client or per call, without uploading", async () => {
      await client({ fileEncodingStrategy: "data-uri" }).predictions.create({
        version: "v1",
        input: { image: new Blob([new Uint8Array([0, 1, 2, 255])], { type: "image/png" }) },
      });
      await client().predictions.create({
        version: "v1",
        input: { nested: [new Uint8Array([104, 105])] },
        fileEncodingStrategy: "data-uri",
      });
      expect(api.files.size).toBe(0);
      expect(sentInput(0)).toEqual({ image: "data:image/png;base64,AAEC/w==" });
      expect(sentInput(1)).toEqual({ nested: ["data:application/octet-stream;base64,aGk="] });
    });

    it("a per-call strategy overrides the client's", async () => {
      await client({ fileEncodingStrategy: "data-uri" }).predictions.create({
        version: "v1",
        input: { f: new Uint8Array([1]) },
        fileEncodingStrategy: "upload",
      });
      expect(sentInput()).toEqual({ f: fileUrl("file1") });
    });

    it("encodes nothing but the input: no token, base URL or client setting gets into it", async () => {
      const replicate = client({
        fileEncodingStrategy: "data-uri",
        userAgent: "my-agent/1.0",
        timeout: 12_345,
      });
      await replicate.run("o/m:v1", { input: { f: new Uint8Array([1, 2, 3]) } });
      const body = creates()[0]!.body.toString("utf8");
      expect(JSON.parse(body).input).toEqual({ f: "data:application/octet-stream;base64,AQID" });
      for (const secret of [TOKEN, api.baseUrl, "my-agent", "12345"]) {
        expect(body).not.toContain(secret);
      }
    });

    it(`refuses files over ${MAX_DATA_URI_BYTES} bytes in all, known or streamed, before sending anything`, async () => {
      const replicate = client({ fileEncodingStrategy: "data-uri" });
      const half = new Uint8Array(MAX_DATA_URI_BYTES / 2 + 1);
      const known = replicate.predictions.create({ version: "v1", input: { a: half, b: half } });
      await expect(known).rejects.toThrow(InvalidArgumentError);
      await expect(known).rejects.toThrow(
        /more than fileEncodingStrategy "data-uri" inlines: use "upload"/,
      );
      const streamed = new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(new Uint8Array(1 << 20));
        },
      });
      await expect(
        replicate.predictions.create({ version: "v1", input: { s: streamed } }),
      ).rejects.toThrow(/more than fileEncodingStrategy "data-uri" inlines/);
      expect(api.requests).toHaveLength(0);
    });

    it("refuses an unknown strategy", async () => {
      expect(() => client({ fileEncodingStrategy: "inline" as never })).toThrow(
        /fileEncodingStrategy must be "upload" or "data-uri"/,
      );
      await expect(
        client().predictions.create({
          version: "v1",
          input: { f: new Uint8Array(1) },
          fileEncodingStrategy: "base64" as never,
        }),
      ).rejects.toThrow(/fileEncodingStrategy must be "upload" or "data-uri"/);
    });
  });
});
