import Replicate, { AbortError } from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import {
  type ScriptedPredictionServer,
  startScriptedPrediction,
} from "./support/scripted-prediction";
import { type SseServer, startSseServer, tokenEvents } from "./support/sse-server";

// Every method takes `{ signal }` as its last argument. Methods that also take a signal of their
// own (wait, snapshots, run, stream) must honour both: either one cancels.

const TOKEN = "r8_signal_token";

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

type Call = (replicate: Replicate, signal: AbortSignal) => Promise<unknown>;

const drain = async (iterable: AsyncIterable<unknown>) => {
  for await (const _item of iterable) {
    // Consumed for its side effects.
  }
};

/** Calls that poll a prediction (or training) that never ends, with the signal only as a request option. */
const pollingCalls: [string, Call][] = [
  ["predictions.wait", (r, signal) => r.predictions.wait({ id: "p1" }, {}, { signal })],
  [
    "predictions.snapshots",
    (r, signal) => drain(r.predictions.snapshots({ id: "p1" }, { signal })),
  ],
  ["trainings.wait", (r, signal) => r.trainings.wait({ trainingId: "t1" }, {}, { signal })],
  [
    "trainings.snapshots",
    (r, signal) =>
      drain(
        r.trainings.snapshots(
          { trainingId: "t1", shouldTriggerOnlyStatusChanges: false },
          { signal },
        ),
      ),
  ],
  ["run", (r, signal) => r.run("owner/model:v1", { input: {}, wait: false }, { signal })],
];

describe("a signal given in the request options", () => {
  let server: ScriptedPredictionServer;
  afterEach(() => server?.close());

  const client = () =>
    new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, pollingInterval: 5, logLevel: "off" });

  it.each(pollingCalls)("stops %s when it fires", async (_name, call) => {
    server = await startScriptedPrediction([{}, { status: "processing" }]);
    const controller = new AbortController();
    const pending = call(client(), controller.signal);
    await waitFor(() => server.gets() >= 2);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    const getsAtAbort = server.gets();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.gets()).toBe(getsAtAbort);
  });

  it.each(pollingCalls)("makes %s send nothing when already aborted", async (_name, call) => {
    server = await startScriptedPrediction([{}, { status: "processing" }]);
    await expect(call(client(), AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("cancels the prediction run() created when it fires", async () => {
    server = await startScriptedPrediction([{}, { status: "processing" }]);
    const controller = new AbortController();
    const pending = client().run(
      "owner/model:v1",
      { input: {}, wait: false },
      { signal: controller.signal },
    );
    await waitFor(() => server.gets() >= 1);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    await waitFor(() => server.cancels() === 1);
  });

  it("stops wait when either the wait's own signal or the request options' one fires", async () => {
    server = await startScriptedPrediction([{}, { status: "processing" }]);
    // The request options' signal fires; the wait's own does not.
    const request = new AbortController();
    const first = client().predictions.wait(
      { id: "p1" },
      { signal: new AbortController().signal },
      { signal: request.signal },
    );
    await waitFor(() => server.gets() >= 1);
    request.abort();
    await expect(first).rejects.toBeInstanceOf(AbortError);

    // The wait's own signal fires; the request options' one does not.
    const own = new AbortController();
    const getsBefore = server.gets();
    const second = client().predictions.wait(
      { id: "p1" },
      { signal: own.signal },
      { signal: new AbortController().signal },
    );
    await waitFor(() => server.gets() > getsBefore);
    own.abort();
    await expect(second).rejects.toBeInstanceOf(AbortError);
  });
});

describe("a signal given in the request options of a stream", () => {
  let server: SseServer;
  afterEach(() => server?.close());

  const start = async () => {
    server = await startSseServer({ events: tokenEvents(3).slice(0, 2), holdOpen: true });
    return new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, logLevel: "off" });
  };

  it("sends nothing for replicate.stream() when already aborted", async () => {
    const replicate = await start();
    const stream = replicate.stream("o/m:v1", { input: {} }, { signal: AbortSignal.abort() });
    await expect(drain(stream)).rejects.toBeInstanceOf(AbortError);
    expect(server.apiRequests).toEqual([]);
    expect(server.connections).toHaveLength(0);
  });

  it("stops replicate.stream() and cancels its prediction when it fires", async () => {
    const replicate = await start();
    const controller = new AbortController();
    const loop = (async () => {
      for await (const event of replicate.stream(
        "o/m:v1",
        { input: {} },
        { signal: controller.signal },
      )) {
        if (event.event === "output") controller.abort();
      }
    })();
    await expect(loop).rejects.toBeInstanceOf(AbortError);
    await waitFor(() => server.apiRequests.includes("POST /v1/predictions/p1/cancel"));
  });

  it("stops predictions.stream() when it fires", async () => {
    const replicate = await start();
    const controller = new AbortController();
    const loop = (async () => {
      for await (const event of replicate.predictions.stream(
        { id: "p1" },
        {},
        { signal: controller.signal },
      )) {
        if (event.event === "output") controller.abort();
      }
    })();
    await expect(loop).rejects.toBeInstanceOf(AbortError);
    await server.connections[0]?.closed;
  });
});
