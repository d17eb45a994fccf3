import Replicate from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import {
  type ScriptedPredictionServer,
  startScriptedPrediction,
} from "./support/scripted-prediction";

const POLLING_INTERVAL_MS = 200;

describe("replicate.run after a sync answer that is not terminal", () => {
  let server: ScriptedPredictionServer;
  afterEach(() => server?.close());

  it("polls one interval after the create answered, not at once", async () => {
    server = await startScriptedPrediction([
      { status: "processing", output: ["partial"] },
      { status: "succeeded", output: ["partial", " end"] },
    ]);
    const replicate = new Replicate({
      auth: "r8_first_poll",
      baseUrl: server.baseUrl,
      pollingInterval: POLLING_INTERVAL_MS,
    });
    let createAnsweredAt: number | undefined;
    const output = await replicate.run("owner/model:v1", {
      input: {},
      onProgress: () => {
        createAnsweredAt ??= Date.now();
      },
    });
    expect(output).toEqual(["partial", " end"]);
    expect(server.gets()).toBe(1);
    const poll = server.requests.find((request) => request.method === "GET")!;
    // Timers may fire a millisecond early and Date.now() rounds: allow 5 ms.
    expect(poll.receivedAt - createAnsweredAt!).toBeGreaterThanOrEqual(POLLING_INTERVAL_MS - 5);
  });
});
