import Replicate, { AbortError, TimeoutError } from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./support/loopback-server";
import { predictionWire } from "./support/predictions";

const TOKEN = "r8_timeout_token";

describe("timeouts", () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());

  it("gives up on a request after the timeout with a TimeoutError, and never resends a create", async () => {
    server = await startLoopbackServer(() => {
      // Never answers.
    });
    const replicate = new Replicate({
      auth: TOKEN,
      baseUrl: server.baseUrl,
      timeout: 200,
      maxRetries: 3,
    });
    const error = await replicate.predictions
      .create({ version: "v1", input: {} })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/timed out after 200 ms/);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a GET that timed out", async () => {
    server = await startLoopbackServer((_request, response) => {
      if (server!.requests.length > 1) sendJson(response, 200, predictionWire(server!.origin));
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, timeout: 200 });
    const prediction = await replicate.predictions.get({ id: "p1" });
    expect(prediction.id).toBe("p1");
    expect(server.requests).toHaveLength(2);
  });

  it("stretches the timeout past the Prefer: wait window it sends", async () => {
    server = await startLoopbackServer((_request, response) => {
      setTimeout(
        () => sendJson(response, 201, predictionWire(server!.origin, { status: "succeeded" })),
        400,
      );
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, timeout: 100 });
    const prediction = await replicate.predictions.create({ version: "v1", input: {}, wait: 1 });
    expect(prediction.isSucceeded).toBe(true);
    expect(server.requests[0]?.headers.prefer).toBe("wait=1");
  });

  it("lets one call choose its own timeout", async () => {
    server = await startLoopbackServer((_request, response) => {
      setTimeout(() => sendJson(response, 200, predictionWire(server!.origin)), 300);
    });
    const replicate = new Replicate({
      auth: TOKEN,
      baseUrl: server.baseUrl,
      timeout: 50,
      maxRetries: 0,
    });
    await expect(replicate.predictions.get({ id: "p1" })).rejects.toBeInstanceOf(TimeoutError);
    const prediction = await replicate.predictions.get({ id: "p1" }, { timeout: 5_000 });
    expect(prediction.id).toBe("p1");
  });
});

describe("AbortSignal", () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());

  it("sends nothing when the signal is already aborted", async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 200, {}));
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    const signal = AbortSignal.abort();
    await expect(replicate.predictions.get({ id: "p1" }, { signal })).rejects.toBeInstanceOf(
      AbortError,
    );
    await expect(
      replicate.predictions.create({ version: "v1", input: {} }, { signal }),
    ).rejects.toBeInstanceOf(AbortError);
    await expect(replicate.run("owner/model", { input: {}, signal })).rejects.toBeInstanceOf(
      AbortError,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("rejects promptly with an AbortError when aborted mid-request", async () => {
    server = await startLoopbackServer(() => {
      // Never answers.
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, timeout: 30_000 });
    const controller = new AbortController();
    const pending = replicate.predictions.get({ id: "p1" }, { signal: controller.signal });
    await waitFor(() => server!.requests.length === 1);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });

  it("stops waiting between retries when aborted", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 503, {}, { "retry-after": "30" }),
    );
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    const controller = new AbortController();
    const pending = replicate.predictions.get({ id: "p1" }, { signal: controller.signal });
    await waitFor(() => server!.requests.length === 1);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });
});

/** Polls a condition; the test's own timeout bounds it. */
export async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
