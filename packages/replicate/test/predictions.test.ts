import Replicate, {
  InvalidArgumentError,
  NoNextPageError,
  NoPreviousPageError,
  Prediction,
} from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./support/loopback-server";
import { predictionWire } from "./support/predictions";

const TOKEN = "r8_predictions_token";
const VERSION_ID = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";

describe("predictions.create", () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  async function createWith(params: Parameters<Replicate["predictions"]["create"]>[0]) {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 201, predictionWire(server.origin)),
    );
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    const prediction = await replicate.predictions.create(params);
    const [request] = server.requests;
    return {
      prediction,
      request: request!,
      body: JSON.parse(request!.body) as Record<string, unknown>,
    };
  }

  it("sends a version id to /predictions", async () => {
    const { request, body, prediction } = await createWith({
      version: VERSION_ID,
      input: { text: "Alice" },
    });
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/v1/predictions");
    expect(body).toEqual({ version: VERSION_ID, input: { text: "Alice" } });
    expect(request.headers["content-type"]).toBe("application/json");
    expect(prediction).toBeInstanceOf(Prediction);
  });

  it("sends owner/name:version as the version id", async () => {
    const { request, body } = await createWith({
      version: `replicate/hello-world:${VERSION_ID}`,
      input: {},
    });
    expect(request.url).toBe("/v1/predictions");
    expect(body.version).toBe(VERSION_ID);
  });

  it("sends owner/name to the model's predictions endpoint", async () => {
    const { request, body } = await createWith({
      version: "black-forest-labs/flux-schnell",
      input: {},
    });
    expect(request.url).toBe("/v1/models/black-forest-labs/flux-schnell/predictions");
    expect(body).toEqual({ input: {} });
  });

  it("sends a model to the model's predictions endpoint", async () => {
    const { request } = await createWith({ model: "meta/llama", input: {} });
    expect(request.url).toBe("/v1/models/meta/llama/predictions");
  });

  it("sends a deployment to the deployment's predictions endpoint", async () => {
    const { request } = await createWith({ deployment: "acme/my-deploy", input: {} });
    expect(request.url).toBe("/v1/deployments/acme/my-deploy/predictions");
  });

  it("sends Prefer: wait for wait: true and Prefer: wait=n for seconds", async () => {
    const { request } = await createWith({ version: VERSION_ID, input: {}, wait: true });
    expect(request.headers.prefer).toBe("wait");
    await server.close();
    const second = await createWith({ version: VERSION_ID, input: {}, wait: 5 });
    expect(second.request.headers.prefer).toBe("wait=5");
  });

  it("sends Cancel-After for cancelAfter, from a duration or seconds", async () => {
    const { request } = await createWith({ version: VERSION_ID, input: {}, cancelAfter: "5m" });
    expect(request.headers["cancel-after"]).toBe("5m");
    await server.close();
    const second = await createWith({ version: VERSION_ID, input: {}, cancelAfter: 90 });
    expect(second.request.headers["cancel-after"]).toBe("90s");
  });

  it("sends webhookCompleted as webhook with only the completed event", async () => {
    const { body } = await createWith({
      version: VERSION_ID,
      input: {},
      webhookCompleted: "https://example.com/hook",
    });
    expect(body.webhook).toBe("https://example.com/hook");
    expect(body.webhook_events_filter).toEqual(["completed"]);
  });

  it("sends webhook and webhookEventsFilter", async () => {
    const { body } = await createWith({
      version: VERSION_ID,
      input: {},
      webhook: "https://example.com/hook",
      webhookEventsFilter: ["start", "completed"],
      stream: true,
    });
    expect(body).toMatchObject({
      webhook: "https://example.com/hook",
      webhook_events_filter: ["start", "completed"],
      stream: true,
    });
  });

  it.each([
    [{ input: {} }, /exactly one of version/],
    [{ version: VERSION_ID, model: "a/b", input: {} }, /exactly one of version/],
    [{ version: VERSION_ID, input: "text" }, /input must be an object/],
    [
      { version: VERSION_ID, input: {}, wait: 61 },
      /wait must be true or a whole number of seconds from 1 to 60/,
    ],
    [{ version: VERSION_ID, input: {}, wait: 0 }, /wait must be true or a whole number/],
    [
      { version: VERSION_ID, input: {}, cancelAfter: "2s" },
      /cancelAfter must be a duration of at least 5 seconds/,
    ],
    [{ version: VERSION_ID, input: {}, cancelAfter: "soon" }, /cancelAfter must be a duration/],
    [{ version: VERSION_ID, input: {}, webhook: "not a url" }, /webhook must be an http\(s\) URL/],
    [{ version: VERSION_ID, input: {}, webhookEventsFilter: ["completed"] }, /needs a webhook URL/],
    [
      {
        version: VERSION_ID,
        input: {},
        webhook: "https://x.test",
        webhookEventsFilter: ["finish"],
      },
      /Unknown webhook event/,
    ],
    [
      { version: "owner/", input: {} },
      /version must be "owner\/name" or "owner\/name:version", such as "acme\/my-model" \(got "owner\/"\)/,
    ],
    [{ model: "a/b/c", input: {} }, /model must be "owner\/name" or "owner\/name:version"/],
    [{ deployment: "just-a-name", input: {} }, /deployment must be "owner\/name", such as/],
    [{ deployment: "acme/d:v1", input: {} }, /deployment must be "owner\/name", such as/],
  ])("refuses %o with a clear error before sending anything", async (params, message) => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 201, {}));
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    const create = () => replicate.predictions.create(params as never);
    await expect(create()).rejects.toThrow(InvalidArgumentError);
    await expect(create()).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });
});

describe("predictions.get, cancel and list", () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it("wraps a prediction with camelCase fields, Dates, status helpers, raw and toJSON", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(
        response,
        200,
        predictionWire(server.origin, {
          status: "succeeded",
          output: "hello Alice",
          started_at: "2026-01-01T00:00:01.000Z",
          completed_at: "2026-01-01T00:00:02.500Z",
          metrics: { predict_time: 1.5, total_time: 2.5 },
          logs: "  0%|          | 0/10\n 40%|████      | 4/10 [00:01<00:01]\n",
          urls: {
            get: `${server.origin}/v1/predictions/p1`,
            cancel: `${server.origin}/v1/predictions/p1/cancel`,
            stream: `${server.origin}/stream/p1`,
            web: "https://replicate.com/p/p1",
          },
        }),
      ),
    );
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    const prediction = await replicate.predictions.get<string>({ id: "p1" });
    expect(prediction.output).toBe("hello Alice");
    expect(prediction.createdAt).toEqual(new Date("2026-01-01T00:00:00.000Z"));
    expect(prediction.completedAt?.getTime()).toBe(Date.parse("2026-01-01T00:00:02.500Z"));
    expect(prediction.metrics).toEqual({ predictTime: 1.5, totalTime: 2.5 });
    expect(prediction.urls.stream).toBe(`${server.origin}/stream/p1`);
    expect(prediction.dataRemoved).toBe(false);
    expect(prediction.progress).toEqual({ percentage: 40, current: 4, total: 10 });
    expect([prediction.isSucceeded, prediction.isTerminated, prediction.isRunning]).toEqual([
      true,
      true,
      false,
    ]);
    expect(JSON.parse(JSON.stringify(prediction))).toEqual(prediction.raw);
    expect(prediction.raw.data_removed).toBe(false);
  });

  it("treats aborted as terminal", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, predictionWire(server.origin, { status: "aborted" })),
    );
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    const prediction = await replicate.predictions.get({ id: "p1" });
    expect(prediction.isAborted).toBe(true);
    expect(prediction.isTerminated).toBe(true);
    expect(prediction.isRunning).toBe(false);
  });

  it("cancels with POST /predictions/{id}/cancel", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, predictionWire(server.origin, { status: "canceled" })),
    );
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    const prediction = await replicate.predictions.cancel({ id: "p1" });
    expect(server.requests[0]?.method).toBe("POST");
    expect(server.requests[0]?.url).toBe("/v1/predictions/p1/cancel");
    expect(prediction.isCanceled).toBe(true);
  });

  it("refuses an empty id before sending anything", async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 200, {}));
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    await expect(replicate.predictions.get({ id: "" })).rejects.toThrow(/id is required/);
    expect(server.requests).toHaveLength(0);
  });

  async function pagedServer(pageCount: number) {
    server = await startLoopbackServer((request, response) => {
      const url = new URL(request.url, server.origin);
      const page = Number(url.searchParams.get("cursor") ?? "1");
      const cursor = (n: number) => `${server.baseUrl}/predictions?cursor=${n}`;
      sendJson(response, 200, {
        results: [
          predictionWire(server.origin, { id: `p${page}a` }),
          predictionWire(server.origin, { id: `p${page}b` }),
        ],
        next: page < pageCount ? cursor(page + 1) : null,
        previous: page > 1 ? cursor(page - 1) : null,
      });
    });
    return new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
  }

  it("awaits to the first page, with next() and previous() following the cursors", async () => {
    const replicate = await pagedServer(3);
    const first = await replicate.predictions.list();
    expect(first.results.map((p) => p.id)).toEqual(["p1a", "p1b"]);
    expect([first.hasNextPage, first.hasPreviousPage]).toEqual([true, false]);
    await expect(first.previous()).rejects.toBeInstanceOf(NoPreviousPageError);
    const second = await first.next();
    expect(second.results[0]?.id).toBe("p2a");
    const third = await second.next();
    expect(third.hasNextPage).toBe(false);
    await expect(third.next()).rejects.toBeInstanceOf(NoNextPageError);
    expect((await third.previous()).results[0]?.id).toBe("p2a");
  });

  it("iterates every prediction of every page with for await", async () => {
    const replicate = await pagedServer(3);
    const ids: string[] = [];
    for await (const prediction of replicate.predictions.list()) ids.push(prediction.id);
    expect(ids).toEqual(["p1a", "p1b", "p2a", "p2b", "p3a", "p3b"]);
    expect(server.requests).toHaveLength(3);
  });

  it("loads no further page than the loop consumes", async () => {
    const replicate = await pagedServer(5);
    for await (const prediction of replicate.predictions.list()) {
      if (prediction.id === "p2a") break;
    }
    expect(server.requests).toHaveLength(2);
  });

  it("sends the list filters as query parameters", async () => {
    const replicate = await pagedServer(1);
    await replicate.predictions.list({
      createdAfter: new Date("2026-01-01T00:00:00Z"),
      createdBefore: "2026-02-01T00:00:00Z",
      source: "web",
    });
    const url = new URL(server.requests[0]!.url, server.origin);
    expect(url.pathname).toBe("/v1/predictions");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      created_after: "2026-01-01T00:00:00.000Z",
      created_before: "2026-02-01T00:00:00Z",
      source: "web",
    });
  });

  it("sends no request for a list that is never awaited or iterated", async () => {
    await pagedServer(1);
    // Counted where the client calls fetch, so that a request on its way counts too.
    let fetches = 0;
    const replicate = new Replicate({
      auth: TOKEN,
      baseUrl: server.baseUrl,
      fetch: (input, init) => {
        fetches++;
        return fetch(input, init);
      },
    });
    const list = replicate.predictions.list();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetches).toBe(0);
    expect(server.requests).toHaveLength(0);
    // The same list, once awaited, sends its one request.
    await list;
    expect(fetches).toBe(1);
  });
});

describe("deployments.predictions.create and models.predictions.create", () => {
  let server: LoopbackServer;
  afterEach(() => server?.close());

  it("posts to the deployment and model endpoints with the shared options", async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 201, predictionWire(server.origin)),
    );
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    await replicate.deployments.predictions.create({
      deploymentOwner: "acme",
      deploymentName: "text-to-image",
      input: { prompt: "x" },
      wait: 10,
      webhookCompleted: "https://example.com/done",
    });
    await replicate.models.predictions.create({
      modelOwner: "meta",
      modelName: "llama",
      input: {},
    });
    expect(server.requests.map((r) => r.url)).toEqual([
      "/v1/deployments/acme/text-to-image/predictions",
      "/v1/models/meta/llama/predictions",
    ]);
    expect(server.requests[0]?.headers.prefer).toBe("wait=10");
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      input: { prompt: "x" },
      webhook: "https://example.com/done",
      webhook_events_filter: ["completed"],
    });
  });

  it("refuses a name with a slash before sending anything", async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 201, {}));
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    await expect(
      replicate.deployments.predictions.create({
        deploymentOwner: "acme",
        deploymentName: "a/b",
        input: {},
      }),
    ).rejects.toThrow(/deploymentName must not contain "\/"/);
    expect(server.requests).toHaveLength(0);
  });
});
