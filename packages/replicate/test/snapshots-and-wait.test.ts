import Replicate, { AbortError, type Prediction, TimeoutError } from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import {
  type ScriptedPredictionServer,
  startScriptedPrediction,
} from "./support/scripted-prediction";

const TOKEN = "r8_snapshot_token";

describe("predictions.snapshots", () => {
  let server: ScriptedPredictionServer;
  afterEach(() => server?.close());

  const client = () => new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, pollingInterval: 5 });

  async function collect(iterable: AsyncIterable<Prediction>): Promise<Prediction[]> {
    const seen: Prediction[] = [];
    for await (const snapshot of iterable) seen.push(snapshot);
    return seen;
  }

  it("yields the first snapshot at once, not after one polling interval", async () => {
    server = await startScriptedPrediction([{}, { status: "processing" }]);
    const replicate = new Replicate({
      auth: TOKEN,
      baseUrl: server.baseUrl,
      pollingInterval: 60_000,
    });
    const iterator = replicate.predictions.snapshots({ id: "p1" })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value?.status).toBe("processing");
    expect(server.gets()).toBe(1);
    await iterator.return?.();
  });

  it("yields only status changes by default, and ends after the terminal snapshot", async () => {
    server = await startScriptedPrediction([
      {},
      { status: "starting" },
      { status: "processing", logs: "a" },
      { status: "processing", logs: "ab" },
      { status: "processing", logs: "abc" },
      { status: "succeeded", output: "done" },
    ]);
    const seen = await collect(client().predictions.snapshots({ id: "p1" }));
    expect(seen.map((p) => p.status)).toEqual(["starting", "processing", "succeeded"]);
    expect(seen.at(-1)?.output).toBe("done");
    expect(server.gets()).toBe(5);
  });

  it("yields every poll with shouldTriggerOnlyStatusChanges: false", async () => {
    server = await startScriptedPrediction([
      {},
      { status: "processing", logs: "a" },
      { status: "processing", logs: "ab" },
      { status: "failed", error: "boom" },
    ]);
    const seen = await collect(
      client().predictions.snapshots({ id: "p1", shouldTriggerOnlyStatusChanges: false }),
    );
    expect(seen.map((p) => p.error ?? p.logs)).toEqual(["a", "ab", "boom"]);
  });

  it("ends after an aborted snapshot: aborted is terminal", async () => {
    server = await startScriptedPrediction([{}, { status: "starting" }, { status: "aborted" }]);
    const seen = await collect(client().predictions.snapshots({ id: "p1" }));
    expect(seen.map((p) => p.status)).toEqual(["starting", "aborted"]);
    expect(server.gets()).toBe(2);
  });

  it("keeps polling after termination when stopPollingRequestsOnPredictionTermination is false", async () => {
    server = await startScriptedPrediction([{}, { status: "succeeded" }]);
    const seen: Prediction[] = [];
    for await (const snapshot of client().predictions.snapshots({
      id: "p1",
      shouldTriggerOnlyStatusChanges: false,
      stopPollingRequestsOnPredictionTermination: false,
    })) {
      seen.push(snapshot);
      if (seen.length === 3) break;
    }
    expect(seen.map((p) => p.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
  });

  it("stops polling when the loop breaks", async () => {
    server = await startScriptedPrediction([{}, { status: "processing" }]);
    let count = 0;
    for await (const _ of client().predictions.snapshots({
      id: "p1",
      shouldTriggerOnlyStatusChanges: false,
    })) {
      if (++count === 2) break;
    }
    const getsAtBreak = server.gets();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(getsAtBreak).toBe(2);
    expect(server.gets()).toBe(2);
  });

  it("stops with an AbortError when its signal fires", async () => {
    server = await startScriptedPrediction([{}, { status: "processing" }]);
    const controller = new AbortController();
    const seen: string[] = [];
    const loop = (async () => {
      for await (const snapshot of client().predictions.snapshots({
        id: "p1",
        signal: controller.signal,
      })) {
        seen.push(snapshot.status);
        controller.abort();
      }
    })();
    await expect(loop).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual(["processing"]);
  });
});

describe("predictions.wait", () => {
  let server: ScriptedPredictionServer;
  afterEach(() => server?.close());

  const client = () => new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, pollingInterval: 5 });

  it.each(["succeeded", "failed", "canceled", "aborted"] as const)(
    "resolves at the terminal status %s",
    async (status) => {
      server = await startScriptedPrediction([{}, { status: "processing" }, { status }]);
      const prediction = await client().predictions.wait({ id: "p1" });
      expect(prediction.status).toBe(status);
      expect(server.gets()).toBe(2);
    },
  );

  it("returns a prediction that already ended without a request", async () => {
    server = await startScriptedPrediction([{ status: "succeeded" }]);
    const replicate = client();
    const created = await replicate.predictions.create({ version: "v1", input: {} });
    const waited = await replicate.predictions.wait(created);
    expect(waited).toBe(created);
    expect(server.gets()).toBe(0);
  });

  it("reports every snapshot to onProgress", async () => {
    server = await startScriptedPrediction([
      {},
      { status: "processing", logs: " 50%|#####     | 5/10" },
      { status: "succeeded", logs: "100%|##########| 10/10" },
    ]);
    const progress: (number | undefined)[] = [];
    await client().predictions.wait(
      { id: "p1" },
      { onProgress: (p) => progress.push(p.progress?.percentage) },
    );
    expect(progress).toEqual([50, 100]);
  });

  it("gives up with a TimeoutError after its timeout", async () => {
    server = await startScriptedPrediction([{}, { status: "processing" }]);
    const error = await client()
      .predictions.wait({ id: "p1" }, { timeout: 100 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/still running/);
  });
});
