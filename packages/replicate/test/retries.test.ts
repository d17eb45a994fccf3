import Replicate, { ConnectionError, InternalServerError, RateLimitError } from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import {
  closedPort,
  type LoopbackServer,
  sendJson,
  startLoopbackServer,
} from "./support/loopback-server";
import { predictionWire } from "./support/predictions";

const TOKEN = "r8_retry_token";
const CREATE = { version: "v1", input: { text: "Alice" } };

describe("retries", () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());

  it("retries a GET answered 503, then succeeds", async () => {
    server = await startLoopbackServer((_request, response) => {
      if (server!.requests.length < 3) {
        sendJson(response, 503, { detail: "busy" }, { "retry-after": "0" });
      } else sendJson(response, 200, predictionWire(server!.origin));
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, maxRetries: 2 });
    const prediction = await replicate.predictions.get({ id: "p1" });
    expect(prediction.id).toBe("p1");
    expect(server.requests).toHaveLength(3);
  });

  it.each([408, 429, 500, 502, 503, 504])("retries a GET answered %i", async (status) => {
    server = await startLoopbackServer((_request, response) => {
      if (server!.requests.length === 1) sendJson(response, status, {}, { "retry-after": "0" });
      else sendJson(response, 200, predictionWire(server!.origin));
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    await replicate.predictions.get({ id: "p1" });
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a GET answered 404", async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 404, {}));
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    await expect(replicate.predictions.get({ id: "p1" })).rejects.toThrow(/404/);
    expect(server.requests).toHaveLength(1);
  });

  it("gives up after maxRetries and throws the last error", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 503, { detail: "still busy" }, { "retry-after": "0" }),
    );
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, maxRetries: 3 });
    await expect(replicate.predictions.get({ id: "p1" })).rejects.toBeInstanceOf(
      InternalServerError,
    );
    expect(server.requests).toHaveLength(4);
  });

  it("lets a call override maxRetries", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 503, {}, { "retry-after": "0" }),
    );
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, maxRetries: 5 });
    await expect(replicate.predictions.get({ id: "p1" }, { maxRetries: 0 })).rejects.toThrow();
    expect(server.requests).toHaveLength(1);
  });

  it("sends a prediction create answered 500 exactly once: it may already exist and be billed", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 500, { detail: "internal error" }),
    );
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, maxRetries: 5 });
    await expect(replicate.predictions.create(CREATE)).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
  });

  it.each([502, 503, 504, 408])(
    "sends a prediction create answered %i exactly once",
    async (status) => {
      server = await startLoopbackServer((_request, response) =>
        sendJson(response, status, {}, { "retry-after": "0" }),
      );
      const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, maxRetries: 5 });
      await expect(replicate.predictions.create(CREATE)).rejects.toThrow();
      expect(server.requests).toHaveLength(1);
    },
  );

  it("retries a prediction create answered 429, which the API refused before acting", async () => {
    server = await startLoopbackServer((_request, response) => {
      if (server!.requests.length === 1) {
        sendJson(response, 429, { detail: "slow down" }, { "retry-after": "0" });
      } else sendJson(response, 201, predictionWire(server!.origin));
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    const prediction = await replicate.predictions.create(CREATE);
    expect(prediction.id).toBe("p1");
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.body).toBe(server.requests[0]?.body);
  });

  it("waits at least the Retry-After seconds before retrying", async () => {
    server = await startLoopbackServer((_request, response) => {
      if (server!.requests.length === 1) sendJson(response, 429, {}, { "retry-after": "1" });
      else sendJson(response, 200, predictionWire(server!.origin));
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    await replicate.predictions.get({ id: "p1" });
    const [first, second] = server.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1000);
  });

  it("waits until a Retry-After HTTP date before retrying", async () => {
    let retryAt = 0;
    server = await startLoopbackServer((_request, response) => {
      if (server!.requests.length === 1) {
        // HTTP dates have whole seconds: two seconds ahead is at least one second away.
        const date = new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000);
        retryAt = date.getTime();
        sendJson(response, 503, {}, { "retry-after": date.toUTCString() });
      } else sendJson(response, 200, predictionWire(server!.origin));
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    await replicate.predictions.get({ id: "p1" });
    expect(server.requests[1]!.receivedAt).toBeGreaterThanOrEqual(retryAt);
  });

  it("does not wait for a Retry-After longer than a minute: it throws RateLimitError with retryAfter", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(
        response,
        429,
        { title: "Too Many Requests", detail: "throttled" },
        { "retry-after": "120" },
      ),
    );
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    const error = await replicate.predictions.get({ id: "p1" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a prediction create whose connection was refused: nothing was sent", async () => {
    const port = await closedPort();
    let attempts = 0;
    const replicate = new Replicate({
      auth: TOKEN,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      maxRetries: 2,
      fetch: (input, init) => {
        attempts++;
        return fetch(input, init);
      },
    });
    await expect(replicate.predictions.create(CREATE)).rejects.toBeInstanceOf(ConnectionError);
    expect(attempts).toBe(3);
  });

  it("does not retry a prediction create whose connection dropped after sending", async () => {
    server = await startLoopbackServer((_request, response) => {
      response.socket?.destroy();
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, maxRetries: 3 });
    await expect(replicate.predictions.create(CREATE)).rejects.toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a GET whose connection dropped", async () => {
    server = await startLoopbackServer((_request, response) => {
      if (server!.requests.length === 1) response.socket?.destroy();
      else sendJson(response, 200, predictionWire(server!.origin));
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    await replicate.predictions.get({ id: "p1" });
    expect(server.requests).toHaveLength(2);
  });

  /** Answers 200 with a Content-Length it never fulfils: the connection drops mid-body. */
  const cutBody = (response: import("node:http").ServerResponse) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": "400" });
    response.write('{"id":"p1","sta', () => setTimeout(() => response.socket?.destroy(), 5));
  };

  it("retries a GET whose connection dropped while its body was being read", async () => {
    server = await startLoopbackServer((_request, response) => {
      if (server!.requests.length === 1) cutBody(response);
      else sendJson(response, 200, predictionWire(server!.origin, { status: "succeeded" }));
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, logLevel: "off" });
    const prediction = await replicate.predictions.get({ id: "p1" });
    expect(prediction.isSucceeded).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a prediction create whose body was cut after the API answered", async () => {
    server = await startLoopbackServer((_request, response) => cutBody(response));
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, maxRetries: 3 });
    await expect(replicate.predictions.create(CREATE)).rejects.toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  it("retries a cancel answered 503: canceling twice is harmless", async () => {
    server = await startLoopbackServer((_request, response) => {
      if (server!.requests.length === 1) sendJson(response, 503, {}, { "retry-after": "0" });
      else sendJson(response, 200, predictionWire(server!.origin, { status: "canceled" }));
    });
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    const prediction = await replicate.predictions.cancel({ id: "p1" });
    expect(prediction.isCanceled).toBe(true);
    expect(server.requests).toHaveLength(2);
  });
});
