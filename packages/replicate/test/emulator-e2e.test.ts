import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILTIN, type RunningEmulator, startEmulator } from "@replicate-ts/emulator";
import Replicate, {
  ApiError,
  FileExpiredError,
  FileOutput,
  fileFromPath,
  InvalidArgumentError,
  ModelError,
  Prediction,
  parseWebhook,
  type ServerSentEvent,
  validateWebhook,
} from "replicate-ts/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Streaming, files, file inputs and outputs, and webhooks, end to end against the emulator over
// real HTTP on loopback, with its faults for cut streams.

const TOKEN = "r8_emulator_e2e";

let emulator: RunningEmulator;
let replicate: Replicate;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, speed: 100, quiet: true, maxFileSize: 1024 * 1024 });
  replicate = new Replicate({ auth: TOKEN, baseUrl: emulator.baseUrl, logLevel: "off" });
});
afterAll(() => emulator.close());

async function collect(stream: AsyncIterable<ServerSentEvent>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe("streaming against the emulator", () => {
  const input = { prompt: "tell me about streams", max_tokens: 12 };

  it("streams every token of stream-text, in order, ending with done", async () => {
    const events = await collect(replicate.stream(BUILTIN.streamText.model, { input }));
    const outputs = events.filter((event) => event.event === "output").map((event) => event.data);
    expect(outputs).toHaveLength(12);
    const ran = await replicate.run<string[]>(BUILTIN.streamText.model, { input });
    expect(outputs).toEqual(ran);
    expect(events.at(-1)?.event).toBe("done");
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index + 1));
  });

  it("resumes a stream the emulator cuts after 3 events, each event exactly once", async () => {
    emulator.faults.add({ path: "/streams/*", dropConnection: true, afterEvents: 3 });
    const events = await collect(replicate.stream(BUILTIN.streamText.model, { input }));
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index + 1));
    expect(events.filter((event) => event.event === "output")).toHaveLength(12);
    const streamRequests = emulator.requests.filter((entry) => entry.path.startsWith("/streams/"));
    expect(streamRequests.slice(-2).map((entry) => entry.headers["last-event-id"])).toEqual([
      undefined,
      "3",
    ]);
  });

  it("rejects with ModelError carrying the failed prediction when the model fails mid-stream", async () => {
    const outputs: string[] = [];
    const error = await replicate
      .stream(BUILTIN.streamText.model, { input: { ...input, fail_after: 3 } })
      .forEach((event) => {
        if (event.event === "output") outputs.push(event.data);
      })
      .catch((caught: unknown) => caught);
    expect(outputs).toHaveLength(3);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toContain(
      "failed while streaming: Generation failed after 3 tokens.",
    );
    const prediction = (error as ModelError<Prediction>).prediction;
    expect(prediction).toBeInstanceOf(Prediction);
    expect(prediction.status).toBe("failed");
  });

  it("rejects with ModelError when the prediction is canceled while streaming", async () => {
    const prediction = await replicate.predictions.create({
      model: BUILTIN.streamText.model,
      input: { prompt: "long", max_tokens: 400 },
    });
    const error = await replicate.predictions
      .stream(prediction)
      .forEach((event) => {
        if (event.id === "3") void replicate.predictions.cancel({ id: prediction.id });
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).prediction.status).toBe("canceled");
  });
});

describe("files against the emulator", () => {
  it("uploads from disk, gets, lists, downloads through a signed URL and deletes", async () => {
    const directory = mkdtempSync(join(tmpdir(), "replicate-ts-e2e-"));
    const path = join(directory, "data.json");
    const content = JSON.stringify({ hello: "world", n: [1, 2, 3] });
    writeFileSync(path, content);
    const file = await replicate.files.create({ file: fileFromPath(path), metadata: { run: 7 } });
    expect(file.name).toBe("data.json");
    expect(file.contentType).toBe("application/json");
    expect(file.size).toBe(content.length);
    expect(file.metadata).toEqual({ run: 7 });
    expect(file.expiresAt!.getTime()).toBeGreaterThan(file.createdAt!.getTime());

    expect((await replicate.files.get({ fileId: file.id })).checksums.sha256).toBe(
      file.checksums.sha256,
    );
    const ids: string[] = [];
    for await (const listed of replicate.files.list()) ids.push(listed.id);
    expect(ids).toContain(file.id);

    const signed = new URL(emulator.fileDownloadUrl(file.id, { origin: emulator.url }));
    const byUrl = await replicate.files.download({ url: signed.href });
    expect(await byUrl.text()).toBe(content);
    const byParts = await replicate.files.download({
      fileId: file.id,
      owner: signed.searchParams.get("owner")!,
      expiry: signed.searchParams.get("expiry")!,
      signature: signed.searchParams.get("signature")!,
    });
    expect(await byParts.text()).toBe(content);

    await replicate.files.delete({ fileId: file.id });
    await expect(replicate.files.get({ fileId: file.id })).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it("refuses a filename over 255 bytes without sending anything", async () => {
    const before = emulator.requests.length;
    await expect(
      replicate.files.create({ file: new Uint8Array(1), filename: `${"ü".repeat(128)}.bin` }),
    ).rejects.toThrow(InvalidArgumentError);
    expect(emulator.requests.length).toBe(before);
  });

  it("surfaces the API's 413 for a file over the size limit", async () => {
    const error = await replicate.files
      .create({ file: new Uint8Array(2 * 1024 * 1024) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).statusCode).toBe(413);
  });
});

describe("file inputs and outputs against the emulator", () => {
  it("uploads a file input and passes its URL to the model", async () => {
    const output = await replicate.run<string>(BUILTIN.helloWorld.model, {
      input: { text: new Blob(["some bytes"], { type: "text/plain" }) },
    });
    const url = output.replace(/^hello /, "");
    expect(url).toMatch(new RegExp(`^${emulator.baseUrl}/files/[^/]+$`));
    const file = await replicate.files.get({ fileId: url.split("/").pop()! });
    expect(file.size).toBe("some bytes".length);
  });

  it("uploads a training's file input", async () => {
    await replicate.models.create({
      owner: "emulator",
      name: "trained-greeter",
      visibility: "private",
      hardware: "cpu",
    });
    const training = await replicate.trainings.create({
      modelOwner: "replicate-ts",
      modelName: "trainable",
      versionId: BUILTIN.trainable.version,
      destination: "emulator/trained-greeter",
      input: { greeting: "hola", train_data: new Uint8Array([1, 2, 3]) },
    });
    expect(String(training.input.train_data)).toMatch(new RegExp(`^${emulator.baseUrl}/files/`));
  }, 20_000);

  it("returns model output files as FileOutputs that download and save to disk", async () => {
    const [image] = await replicate.run<FileOutput[]>(BUILTIN.drawPng.model, {
      input: { prompt: "a lighthouse", width: 32, height: 32 },
    });
    expect(image).toBeInstanceOf(FileOutput);
    expect(image!.filename).toBe("out-0.png");
    const bytes = new Uint8Array(await image!.arrayBuffer());
    expect([...bytes.subarray(1, 4)].map((code) => String.fromCharCode(code)).join("")).toBe("PNG");
    const target = join(mkdtempSync(join(tmpdir(), "replicate-ts-e2e-")), "image.png");
    let reported = 0;
    await image!.saveTo(target, { onProgress: ({ bytes: written }) => (reported = written) });
    expect(readFileSync(target).equals(Buffer.from(bytes))).toBe(true);
    expect(reported).toBe(bytes.byteLength);
    expect(JSON.stringify({ image })).toBe(JSON.stringify({ image: image!.url }));
  });

  it("says an output file may have expired once the emulator no longer has it", async () => {
    const [image] = await replicate.run<FileOutput[]>(BUILTIN.drawPng.model, {
      input: { prompt: "gone soon", width: 16, height: 16 },
    });
    await emulator.reset();
    await expect(image!.blob()).rejects.toThrow(FileExpiredError);
  });
});

describe("webhooks from the emulator", () => {
  interface Delivery {
    headers: IncomingHttpHeaders;
    body: string;
  }
  const deliveries: Delivery[] = [];
  let receiverUrl = "";
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(204).end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it("verifies the emulator's real deliveries with the secret the API gives", async () => {
    const { key } = await replicate.webhooks.defaultSecret();
    const created = await replicate.predictions.create({
      version: BUILTIN.helloWorld.version,
      input: { text: "webhooks" },
      webhook: receiverUrl,
      webhookEventsFilter: ["start", "completed"],
    });
    await expect.poll(() => deliveries.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await emulator.webhooks.idle();
    const mine = deliveries.filter((delivery) => JSON.parse(delivery.body).id === created.id);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    for (const delivery of mine) {
      await expect(
        validateWebhook({ headers: delivery.headers, body: delivery.body, secret: key }),
      ).resolves.toBe(true);
      await expect(
        validateWebhook({ headers: delivery.headers, body: `${delivery.body} `, secret: key }),
      ).resolves.toBe(false);
    }
    const last = mine.at(-1)!;
    const request = new Request(receiverUrl, {
      method: "POST",
      headers: last.headers as Record<string, string>,
      body: last.body,
    });
    const parsed = await parseWebhook(request, key);
    expect(parsed).toBeInstanceOf(Prediction);
    expect(parsed.status).toBe("succeeded");
    expect((parsed as Prediction).output).toBe("hello webhooks");
  });
});
