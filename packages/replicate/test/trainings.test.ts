import Replicate, { AbortError, ReplicateTraining, type TrainingWire } from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import { type OperationHandler, type SpecServer, startSpecServer } from "./support/spec-server";
import {
  pageWire,
  succeededTrainingWire,
  TRAINED_VERSION_ID,
  trainingWire,
  VERSION_ID,
} from "./support/wire-fixtures";

const TOKEN = "r8_trainings_token";

let server: SpecServer;
afterEach(() => server?.close());

async function clientFor(handlers: Record<string, OperationHandler>) {
  server = await startSpecServer(handlers);
  return new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, pollingInterval: 5 });
}

/** A training `t1` that moves through `states`, one per GET, staying on the last. */
async function scriptedTraining(states: Partial<TrainingWire>[]) {
  let gets = 0;
  const replicate = await clientFor({
    "trainings.get": (_call, origin) => {
      const state = states[Math.min(gets++, states.length - 1)]!;
      return {
        status: 200,
        json:
          state.status === "succeeded"
            ? succeededTrainingWire(origin, state)
            : trainingWire(origin, state),
      };
    },
  });
  return { replicate, gets: () => gets };
}

describe("trainings.create", () => {
  it("posts to the version's trainings endpoint with destination, input and webhook", async () => {
    const replicate = await clientFor({
      "trainings.create": (_call, origin) => ({ status: 201, json: trainingWire(origin) }),
    });
    const training = await replicate.trainings.create({
      modelOwner: "replicate",
      modelName: "hello-world",
      versionId: VERSION_ID,
      destination: "alice/hello-trained",
      input: { input_images: "https://example.com/images.zip", steps: 10 },
      webhook: "https://example.com/hook",
      webhookEventsFilter: ["completed"],
    });
    const [call] = server.calls;
    expect(call!.method).toBe("POST");
    expect(call!.url).toBe(`/v1/models/replicate/hello-world/versions/${VERSION_ID}/trainings`);
    expect(call!.json).toEqual({
      destination: "alice/hello-trained",
      input: { input_images: "https://example.com/images.zip", steps: 10 },
      webhook: "https://example.com/hook",
      webhook_events_filter: ["completed"],
    });
    expect(training).toBeInstanceOf(ReplicateTraining);
    expect(training.isRunning).toBe(true);
  });

  it("sends webhookCompleted as webhook with only the completed event", async () => {
    const replicate = await clientFor({
      "trainings.create": (_call, origin) => ({ status: 201, json: trainingWire(origin) }),
    });
    await replicate.trainings.create({
      modelOwner: "replicate",
      modelName: "hello-world",
      versionId: VERSION_ID,
      destination: "alice/hello-trained",
      input: {},
      webhookCompleted: "https://example.com/done",
    });
    expect(server.calls[0]!.json).toMatchObject({
      webhook: "https://example.com/done",
      webhook_events_filter: ["completed"],
    });
  });

  it("is not retried after a 5xx (here 503): the training may have started", async () => {
    const replicate = await clientFor({
      "trainings.create": () => ({ status: 503, json: { detail: "busy" } }),
    });
    await expect(
      replicate.trainings.create({
        modelOwner: "replicate",
        modelName: "hello-world",
        versionId: VERSION_ID,
        destination: "alice/x",
        input: {},
      }),
    ).rejects.toThrow(/503/);
    expect(server.requests).toHaveLength(1);
  });
});

describe("trainings.get, cancel and list", () => {
  it("get() wraps a training: status helpers, output, metrics, urls, Dates, raw, toJSON", async () => {
    const replicate = await clientFor({
      "trainings.get": (_call, origin) => ({ status: 200, json: succeededTrainingWire(origin) }),
    });
    const training = await replicate.trainings.get({ trainingId: "t1" });
    expect(server.calls[0]!.url).toBe("/v1/trainings/t1");
    expect(training.id).toBe("t1");
    expect(training.isSucceeded).toBe(true);
    expect(training.isTerminated).toBe(true);
    expect(training.isRunning).toBe(false);
    expect(training.isFailed).toBe(false);
    expect(training.isCanceled).toBe(false);
    expect(training.output).toEqual({
      version: `alice/hello-trained:${TRAINED_VERSION_ID}`,
      weights: "https://example.com/weights.tar",
    });
    expect(training.metrics.predictTime).toBe(298.5);
    expect(training.metrics.totalTime).toBe(300);
    expect(training.logs).toBe("training done\n");
    expect(training.error).toBeUndefined();
    expect(training.completedAt).toEqual(new Date("2025-03-01T10:05:00.000Z"));
    expect(training.urls.get).toBe(`${server.origin}/v1/trainings/t1`);
    expect(training.urls.cancel).toBe(`${server.origin}/v1/trainings/t1/cancel`);
    expect(JSON.parse(JSON.stringify(training))).toEqual(succeededTrainingWire(server.origin));
  });

  it("get() of a failed training carries its error", async () => {
    const replicate = await clientFor({
      "trainings.get": (_call, origin) => ({
        status: 200,
        json: trainingWire(origin, { status: "failed", error: "CUDA out of memory" }),
      }),
    });
    const training = await replicate.trainings.get({ trainingId: "t1" });
    expect(training.isFailed).toBe(true);
    expect(training.error).toBe("CUDA out of memory");
  });

  it("cancel() posts to the cancel endpoint and gives the canceled training", async () => {
    const replicate = await clientFor({
      "trainings.cancel": (_call, origin) => ({
        status: 200,
        json: trainingWire(origin, { status: "canceled" }),
      }),
    });
    const training = await replicate.trainings.cancel({ trainingId: "t1" });
    expect(server.calls[0]!.method).toBe("POST");
    expect(server.calls[0]!.url).toBe("/v1/trainings/t1/cancel");
    expect(training.isCanceled).toBe(true);
  });

  it("list() walks every training across pages", async () => {
    const replicate = await clientFor({
      "trainings.list": (call, origin) =>
        call.query.has("cursor")
          ? { status: 200, json: pageWire([trainingWire(origin, { id: "t2" })]) }
          : {
              status: 200,
              json: pageWire([trainingWire(origin, { id: "t1" })], {
                next: `${origin}/v1/trainings?cursor=2`,
              }),
            },
    });
    const ids: string[] = [];
    for await (const training of replicate.trainings.list()) ids.push(training.id);
    expect(ids).toEqual(["t1", "t2"]);
  });
});

describe("trainings.wait and snapshots", () => {
  it("wait() polls until a terminal status and gives the final training", async () => {
    const { replicate, gets } = await scriptedTraining([
      { status: "starting" },
      { status: "processing" },
      { status: "succeeded" },
    ]);
    const seen: string[] = [];
    const training = await replicate.trainings.wait(
      { trainingId: "t1" },
      { onProgress: (snapshot) => seen.push(snapshot.status) },
    );
    expect(training.isSucceeded).toBe(true);
    expect(training.output?.version).toBe(`alice/hello-trained:${TRAINED_VERSION_ID}`);
    expect(seen).toEqual(["starting", "processing", "succeeded"]);
    expect(gets()).toBe(3);
  });

  it("wait() resolves at aborted too, which is terminal", async () => {
    const { replicate } = await scriptedTraining([{ status: "starting" }, { status: "aborted" }]);
    const training = await replicate.trainings.wait({ trainingId: "t1" });
    expect(training.isAborted).toBe(true);
  });

  it("wait() on a training that already ended sends nothing", async () => {
    const { replicate, gets } = await scriptedTraining([{ status: "succeeded" }]);
    const finished = new ReplicateTraining(succeededTrainingWire(server.origin));
    await expect(replicate.trainings.wait(finished)).resolves.toBe(finished);
    expect(gets()).toBe(0);
  });

  it("snapshots() yields each change of status and stops after the terminal one", async () => {
    const { replicate, gets } = await scriptedTraining([
      { status: "starting" },
      { status: "starting" },
      { status: "processing" },
      { status: "processing" },
      { status: "succeeded" },
    ]);
    const statuses: string[] = [];
    for await (const training of replicate.trainings.snapshots({ trainingId: "t1" })) {
      statuses.push(training.status);
    }
    expect(statuses).toEqual(["starting", "processing", "succeeded"]);
    expect(gets()).toBe(5);
  });

  it("snapshots() stops polling when the loop is left", async () => {
    const { replicate, gets } = await scriptedTraining([{ status: "processing" }]);
    for await (const training of replicate.trainings.snapshots({
      trainingId: "t1",
      shouldTriggerOnlyStatusChanges: false,
    })) {
      if (training.isProcessing && gets() >= 2) break;
    }
    const afterBreak = gets();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gets()).toBe(afterBreak);
  });

  it("snapshots() ends with AbortError when its signal fires", async () => {
    const { replicate } = await scriptedTraining([{ status: "processing" }]);
    const controller = new AbortController();
    const loop = async () => {
      for await (const _ of replicate.trainings.snapshots({
        trainingId: "t1",
        shouldTriggerOnlyStatusChanges: false,
        signal: controller.signal,
      })) {
        controller.abort();
      }
    };
    await expect(loop()).rejects.toBeInstanceOf(AbortError);
  });
});
