import Replicate, { AbortError, Prediction } from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./support/loopback-server";
import { predictionWire } from "./support/predictions";

// The rule: an already-aborted signal sends nothing, anywhere. Not the upload of a file input,
// not a create (which would start, and bill, a prediction only to cancel it), not a stream.

const TOKEN = "r8_pre_aborted_token";
const FILE = () => new Uint8Array([1, 2, 3]);

describe("an already-aborted signal sends nothing", () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  async function client(): Promise<Replicate> {
    server = await startLoopbackServer((request, response) => {
      if (request.url === "/v1/files") {
        return sendJson(response, 201, { id: "f1", urls: { get: `${server.origin}/f1` } });
      }
      const stream = `${server.origin}/stream/p1`;
      const urls = { get: "", cancel: "", stream, web: "" };
      sendJson(response, 201, predictionWire(server.origin, { urls }));
    });
    return new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, logLevel: "off" });
  }

  const signal = () => AbortSignal.abort();

  it.each<[string, (replicate: Replicate) => Promise<unknown>]>([
    [
      "predictions.create with a file input",
      (r) =>
        r.predictions.create({ version: "v1", input: { image: FILE() } }, { signal: signal() }),
    ],
    [
      "predictions.create with a file input sent as a data URI",
      (r) =>
        r.predictions.create(
          { version: "v1", input: { image: FILE() }, fileEncodingStrategy: "data-uri" },
          { signal: signal() },
        ),
    ],
    [
      "models.predictions.create with a file input",
      (r) =>
        r.models.predictions.create(
          { modelOwner: "o", modelName: "m", input: { image: FILE() } },
          { signal: signal() },
        ),
    ],
    [
      "deployments.predictions.create with a file input",
      (r) =>
        r.deployments.predictions.create(
          { deploymentOwner: "o", deploymentName: "d", input: { image: FILE() } },
          { signal: signal() },
        ),
    ],
    [
      "trainings.create with a file input",
      (r) =>
        r.trainings.create(
          {
            modelOwner: "o",
            modelName: "m",
            versionId: "v",
            destination: "a/b",
            input: { data: FILE() },
          },
          { signal: signal() },
        ),
    ],
    [
      "run() with a file input",
      (r) => r.run("o/m:v1", { input: { image: FILE() }, signal: signal() }),
    ],
    [
      "replicate.stream() with its signal in the stream options",
      async (r) => {
        for await (const _event of r.stream("o/m:v1", { input: {}, signal: signal() })) {
          // Nothing is expected.
        }
      },
    ],
    [
      "replicate.stream() with a file input",
      (r) => r.stream("o/m:v1", { input: { image: FILE() }, signal: signal() }).finalText(),
    ],
    [
      "predictions.stream({ id })",
      (r) => r.predictions.stream({ id: "p1" }, { signal: signal() }).finalText(),
    ],
    [
      "predictions.stream(prediction) whose stream URL is known",
      async (r) => {
        const known = new Prediction(
          predictionWire(server.origin, {
            urls: { get: "", cancel: "", stream: `${server.origin}/stream/p1`, web: "" },
          }),
        );
        const events = r.predictions.stream(known, { signal: signal() }).batches();
        for await (const _batch of events) {
          // Nothing is expected.
        }
      },
    ],
  ])("%s", async (_name, call) => {
    const replicate = await client();
    await expect(call(replicate)).rejects.toBeInstanceOf(AbortError);
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([]);
  });
});
