import Replicate, { AbortError, ModelError, type Prediction } from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import {
  type ScriptedPredictionServer,
  startScriptedPrediction,
} from "./support/scripted-prediction";

const TOKEN = "r8_run_token";

describe("replicate.run", () => {
  let server: ScriptedPredictionServer;
  afterEach(() => server?.close());

  const client = () => new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, pollingInterval: 5 });

  it("uses sync mode and returns the output with a single request when the answer is terminal", async () => {
    server = await startScriptedPrediction([{ status: "succeeded", output: "hello Alice" }]);
    const output = await client().run("replicate/hello-world", { input: { text: "Alice" } });
    expect(output).toBe("hello Alice");
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.prefer).toBe("wait");
    expect(server.requests[0]?.url).toBe("/v1/models/replicate/hello-world/predictions");
  });

  it("never takes a non-terminal sync answer as done: it polls for the complete output", async () => {
    server = await startScriptedPrediction([
      { status: "processing", output: ["partial"] },
      { status: "processing", output: ["partial", " more"] },
      { status: "succeeded", output: ["partial", " more", " end"] },
    ]);
    const output = await client().run<string[]>("owner/model:v1", { input: {} });
    expect(output).toEqual(["partial", " more", " end"]);
    expect(server.gets()).toBe(2);
  });

  it("polls from the start with wait: false", async () => {
    server = await startScriptedPrediction([
      { status: "starting" },
      { status: "succeeded", output: 1 },
    ]);
    await client().run("owner/model:v1", { input: {}, wait: false });
    expect(server.requests[0]?.headers.prefer).toBeUndefined();
  });

  it.each(["failed", "canceled", "aborted"] as const)(
    "rejects with a ModelError carrying the prediction when it ends %s",
    async (status) => {
      server = await startScriptedPrediction([
        { status: "processing" },
        { status, error: status === "failed" ? "CUDA out of memory" : null },
      ]);
      const error = await client()
        .run("owner/model:v1", { input: {} })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ModelError);
      const prediction = (error as ModelError<Prediction>).prediction;
      expect(prediction.status).toBe(status);
      expect((error as Error).message).toContain(`p1 ${status}`);
      if (status === "failed") expect((error as Error).message).toContain("CUDA out of memory");
    },
  );

  it("reports progress through onProgress", async () => {
    server = await startScriptedPrediction([
      { status: "starting" },
      { status: "processing" },
      { status: "succeeded" },
    ]);
    const statuses: string[] = [];
    await client().run("owner/model:v1", { input: {}, onProgress: (p) => statuses.push(p.status) });
    expect(statuses).toEqual(["starting", "processing", "succeeded"]);
  });

  it("cancels the remote prediction and rejects with AbortError when aborted while polling", async () => {
    server = await startScriptedPrediction([{ status: "starting" }, { status: "processing" }]);
    const controller = new AbortController();
    const pending = client().run("owner/model:v1", {
      input: {},
      signal: controller.signal,
      onProgress: (p) => {
        if (p.status === "processing") controller.abort();
      },
    });
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(server.cancels()).toBe(1);
  });

  it("rejects at once when aborted during a sync create, and cancels the prediction once its id arrives", async () => {
    server = await startScriptedPrediction([{ status: "processing" }], { createDelayMs: 300 });
    const controller = new AbortController();
    const pending = client().run("owner/model:v1", { input: {}, signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    // Rejected while the create is still being answered: nothing canceled yet, since no id is
    // known.
    expect(server.createsAnswered()).toBe(0);
    expect(server.cancels()).toBe(0);
    while (server.cancels() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.requests.at(-1)?.url).toBe("/v1/predictions/p1/cancel");
  });
});
