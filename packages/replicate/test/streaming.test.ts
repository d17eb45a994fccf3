import Replicate, {
  AbortError,
  ConnectionError,
  ModelError,
  Prediction,
  type ServerSentEvent,
} from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import { sendJson, startLoopbackServer } from "./support/loopback-server";
import { predictionWire } from "./support/predictions";
import {
  type SseServer,
  type SseServerOptions,
  startSseServer,
  tokenEvents,
} from "./support/sse-server";

const TOKEN = "r8_stream_token";

describe("streaming", () => {
  let server: SseServer;
  afterEach(() => server?.close());

  const start = async (options: SseServerOptions) => {
    server = await startSseServer(options);
    return new Replicate({ auth: TOKEN, baseUrl: server.baseUrl, logLevel: "off" });
  };

  const collect = async (stream: AsyncIterable<ServerSentEvent>) => {
    const events: ServerSentEvent[] = [];
    for await (const event of stream) events.push(event);
    return events;
  };

  it("creates a streaming prediction and yields its events in order, ending with done", async () => {
    const replicate = await start({
      events: [
        { event: "logs", data: "starting", id: "1" },
        { event: "output", data: "hello", id: "2" },
        { event: "output", data: " world\nsecond line", id: "3" },
        { event: "done", data: "{}", id: "4" },
      ],
    });
    const events = await collect(replicate.stream("owner/model", { input: { prompt: "hi" } }));
    expect(events).toEqual([
      { event: "logs", data: "starting", id: "1" },
      { event: "output", data: "hello", id: "2" },
      { event: "output", data: " world\nsecond line", id: "3" },
      { event: "done", data: "{}", id: "4" },
    ]);
    expect(server.apiRequests).toEqual(["POST /v1/models/owner/model/predictions"]);
    expect(server.connections[0]?.headers.accept).toBe("text/event-stream");
  });

  it("text() yields only the output text", async () => {
    const replicate = await start({
      events: [
        { event: "output", data: "a", id: "1" },
        { event: "logs", data: "log line", id: "2" },
        { event: "output", data: "b", id: "3" },
        { event: "done", data: "{}", id: "4" },
      ],
    });
    const texts: string[] = [];
    for await (const text of replicate.stream("owner/model", { input: {} }).text())
      texts.push(text);
    expect(texts).toEqual(["a", "b"]);
    expect(await replicate.stream("owner/model", { input: {} }).finalText()).toBe("ab");
  });

  it("forEach() and batches() deliver the same events as the loop, and a stream is read once", async () => {
    const replicate = await start({ events: tokenEvents(4), cutAfter: [2] });
    const viaForEach: (string | undefined)[] = [];
    await replicate.stream("owner/model", { input: {} }).forEach((event) => {
      viaForEach.push(event.id);
    });
    const viaBatches: (string | undefined)[] = [];
    const stream = replicate.stream("owner/model", { input: {} });
    for await (const events of stream.batches())
      viaBatches.push(...events.map((event) => event.id));
    expect(viaForEach).toEqual(["1", "2", "3", "4", "5"]);
    expect(viaBatches).toEqual(viaForEach);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/can be read only once/);
  });

  it("forEach() rejects with ModelError on an error event and with what the callback throws", async () => {
    const replicate = await start({
      events: [
        { event: "output", data: "a", id: "1" },
        { event: "error", data: "boom", id: "2" },
      ],
      holdOpen: true,
      status: "failed",
    });
    const seen: string[] = [];
    const failure = replicate.stream("owner/model", { input: {} }).forEach((event) => {
      seen.push(event.data);
    });
    await expect(failure).rejects.toThrow(ModelError);
    await expect(failure).rejects.toThrow(/failed while streaming: boom/);
    expect(seen).toEqual(["a"]);
    const thrown = replicate.stream("owner/model", { input: {} }).forEach(() => {
      throw new Error("stop here");
    });
    await expect(thrown).rejects.toThrow("stop here");
    await server.connections[1]?.closed;
  });

  it("sends the token to a stream on the API's origin only, never to another origin", async () => {
    let replicate = await start({ events: tokenEvents(1) });
    await collect(replicate.stream("owner/model", { input: {} }));
    expect(server.connections[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    await server.close();

    replicate = await start({ events: tokenEvents(1), foreignStream: true });
    const events = await collect(replicate.stream("owner/model", { input: {} }));
    expect(events).toHaveLength(2);
    expect(server.connections[0]?.headers.authorization).toBeUndefined();
  });

  it("rejects with ModelError carrying the prediction on an error event, after the events before it", async () => {
    const replicate = await start({
      events: [
        { event: "output", data: "partial", id: "1" },
        { event: "error", data: JSON.stringify({ detail: "CUDA out of memory" }), id: "2" },
        { event: "done", data: JSON.stringify({ reason: "error" }), id: "3" },
      ],
      status: "failed",
      error: "CUDA out of memory",
    });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of replicate.stream("owner/model", { input: {} }))
        seen.push(event.data);
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual(["partial"]);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toBe(
      "Prediction p1 failed while streaming: CUDA out of memory",
    );
    const prediction = (error as ModelError<Prediction>).prediction;
    expect(prediction).toBeInstanceOf(Prediction);
    expect(prediction.status).toBe("failed");
  });

  it.each([
    ["canceled", "canceled"],
    ["error", "failed"],
  ])("rejects with ModelError when done says the prediction was %s", async (reason, status) => {
    const replicate = await start({
      events: [{ event: "done", data: JSON.stringify({ reason }), id: "1" }],
      status,
    });
    const error = await collect(replicate.stream("owner/model", { input: {} })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).prediction.status).toBe(status);
    expect((error as Error).message).toContain(`p1 ${status} while streaming`);
  });

  it("closes the HTTP connection when the loop is left with break", async () => {
    const replicate = await start({ events: tokenEvents(3).slice(0, 3), holdOpen: true });
    for await (const event of replicate.stream("owner/model", { input: {} })) {
      if (event.id === "2") break;
    }
    // Resolves only when the server sees the client close the connection it held open.
    await server.connections[0]?.closed;
    expect(server.connections).toHaveLength(1);
  });

  it("reconnects with Last-Event-ID after a cut mid-event, delivering every event exactly once", async () => {
    const replicate = await start({ events: tokenEvents(6), cutAfter: [2, 3] });
    const events = await collect(replicate.stream("owner/model", { input: {} }));
    expect(events.map((event) => event.id)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(events.at(-1)?.event).toBe("done");
    expect(server.connections.map((connection) => connection.headers["last-event-id"])).toEqual([
      undefined,
      "2",
      "5",
    ]);
  });

  it("delivers each event once after a cut even when the server has no ids and replays from the start", async () => {
    const replicate = await start({ events: tokenEvents(5), withoutIds: true, cutAfter: [3, 4] });
    const texts = await collect(replicate.stream("owner/model", { input: {} }));
    expect(texts.map((event) => event.data)).toEqual([
      "token1 ",
      "token2 ",
      "token3 ",
      "token4 ",
      "token5 ",
      "{}",
    ]);
    expect(server.connections).toHaveLength(3);
  });

  it("gives up with ConnectionError after maxReconnects cuts in a row", async () => {
    const replicate = await start({ events: tokenEvents(3), cutAfter: [0, 0, 0, 0] });
    const error = await collect(
      replicate.stream("owner/model", { input: {}, maxReconnects: 2 }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/did not resume after 2 reconnection attempts/);
    expect(server.connections).toHaveLength(3);
  });

  it("rejects with AbortError and cancels the prediction when the signal aborts", async () => {
    const replicate = await start({ events: tokenEvents(3).slice(0, 2), holdOpen: true });
    const controller = new AbortController();
    const error = await (async () => {
      for await (const event of replicate.stream("owner/model", {
        input: {},
        signal: controller.signal,
      })) {
        if (event.id === "1") controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortError);
    await server.connections[0]?.closed;
    await expect.poll(() => server.apiRequests).toContain("POST /v1/predictions/p1/cancel");
  });

  it("cancels the prediction once when the signal aborts and the loop is left with break", async () => {
    const replicate = await start({ events: tokenEvents(3).slice(0, 2), holdOpen: true });
    const controller = new AbortController();
    for await (const event of replicate.stream("owner/model", {
      input: {},
      signal: controller.signal,
    })) {
      if (event.event === "output") {
        controller.abort();
        break;
      }
    }
    await server.connections[0]?.closed;
    await expect.poll(() => server.apiRequests).toContain("POST /v1/predictions/p1/cancel");
    await new Promise((resolve) => setTimeout(resolve, 30));
    const cancels = server.apiRequests.filter((request) => request.endsWith("/cancel"));
    expect(cancels).toHaveLength(1);
  });

  it("leaves the prediction running when the loop is left with break and no abort", async () => {
    const replicate = await start({ events: tokenEvents(3).slice(0, 2), holdOpen: true });
    for await (const event of replicate.stream("owner/model", { input: {} })) {
      if (event.event === "output") break;
    }
    await server.connections[0]?.closed;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.apiRequests).toEqual(["POST /v1/models/owner/model/predictions"]);
  });

  it("predictions.stream({ id }) looks the prediction up; given a Prediction it does not", async () => {
    const replicate = await start({ events: tokenEvents(1) });
    await collect(replicate.predictions.stream({ id: "p1" }));
    expect(server.apiRequests).toEqual(["GET /v1/predictions/p1"]);
    const prediction = await replicate.predictions.get({ id: "p1" });
    server.apiRequests.length = 0;
    const events = await collect(replicate.predictions.stream(prediction));
    expect(events.map((event) => event.event)).toEqual(["output", "done"]);
    expect(server.apiRequests).toEqual([]);
  });

  it("says so when a prediction has no stream URL, even after looking it up again", async () => {
    const api = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, predictionWire(api.origin)),
    );
    try {
      const replicate = new Replicate({ auth: TOKEN, baseUrl: api.baseUrl });
      const prediction = new Prediction(predictionWire(api.origin));
      const error = await collect(replicate.predictions.stream(prediction)).catch(
        (caught: unknown) => caught,
      );
      expect((error as Error).message).toMatch(
        /Prediction p1 has no stream URL: its model does not stream output/,
      );
      expect(api.requests).toHaveLength(1);
      expect(() => replicate.predictions.stream({ id: "" })).toThrow(
        /takes \{ id \} or a Prediction/,
      );
    } finally {
      await api.close();
    }
  });

  it("decodes multi-byte UTF-8 split across chunks", async () => {
    const replicate = await start({
      events: [
        { event: "output", data: "héllo wörld ✓ 🎉".repeat(2000), id: "1" },
        { event: "done", data: "{}", id: "2" },
      ],
    });
    const events = await collect(replicate.stream("owner/model", { input: {} }));
    expect(events[0]?.data).toBe("héllo wörld ✓ 🎉".repeat(2000));
  });
});
