import Replicate from "replicate-ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specCheckingFetch } from "./support/checking-fetch";
import { sendJson, startLoopbackServer } from "./support/loopback-server";
import { checkRequest, checkResponse, findOperation, operations } from "./support/openapi-contract";
import { predictionWire } from "./support/predictions";
import { type OperationAnswer, type SpecServer, startSpecServer } from "./support/spec-server";
import {
  accountWire,
  collectionSummaryWire,
  collectionWire,
  deploymentWire,
  hardwareWire,
  modelWire,
  pageWire,
  searchWire,
  succeededTrainingWire,
  trainingWire,
  VERSION_ID,
  versionWire,
} from "./support/wire-fixtures";

/**
 * The contract: every request the SDK can make is one the spec allows (method, path, query
 * parameters, headers, JSON body; see support/openapi-contract.ts), every operation of the spec
 * is reached by some method, and the answers the other tests use have the spec's shapes.
 */

/** `files.*` belongs to the Files resource (issue 5), whose tests check its own requests. */
const OWNED_ELSEWHERE = (operationId: string) => operationId.startsWith("files.");

/** A spec-valid answer for each operation, with a next page wherever the list has one. */
function answers(origin: string): Record<string, (cursor: string | null) => OperationAnswer> {
  const page =
    <T>(items: T[], path: string) =>
    (cursor: string | null) => ({
      status: 200,
      json: cursor ? pageWire(items) : pageWire(items, { next: `${origin}/v1${path}?cursor=2` }),
    });
  const prediction = { status: 201, json: predictionWire(origin) };
  return {
    "account.get": () => ({ status: 200, json: accountWire() }),
    "collections.list": page([collectionSummaryWire()], "/collections"),
    "collections.get": () => ({ status: 200, json: collectionWire(origin) }),
    "deployments.list": page([deploymentWire()], "/deployments"),
    "deployments.create": () => ({ status: 200, json: deploymentWire() }),
    "deployments.get": () => ({ status: 200, json: deploymentWire() }),
    "deployments.update": () => ({ status: 200, json: deploymentWire() }),
    "deployments.delete": () => ({ status: 204 }),
    "deployments.predictions.create": () => prediction,
    "hardware.list": () => ({ status: 200, json: hardwareWire() }),
    "models.list": page([modelWire(origin)], "/models"),
    "models.create": () => ({ status: 201, json: modelWire(origin) }),
    "models.search": page([modelWire(origin)], "/models"),
    "models.get": () => ({ status: 200, json: modelWire(origin) }),
    "models.update": () => ({ status: 200, json: modelWire(origin) }),
    "models.delete": () => ({ status: 204 }),
    "models.examples.list": page([predictionWire(origin)], "/models/a/b/examples"),
    "models.predictions.create": () => prediction,
    "models.readme.get": () => ({ status: 200, text: "# Readme\n", contentType: "text/plain" }),
    "models.versions.list": page([versionWire()], "/models/a/b/versions"),
    "models.versions.get": () => ({ status: 200, json: versionWire() }),
    "models.versions.delete": () => ({ status: 202 }),
    "trainings.create": () => ({ status: 201, json: trainingWire(origin) }),
    "predictions.list": page([predictionWire(origin)], "/predictions"),
    "predictions.create": () => prediction,
    "predictions.get": () => ({
      status: 200,
      json: predictionWire(origin, { status: "succeeded", output: "hello Alice" }),
    }),
    "predictions.cancel": () => ({
      status: 200,
      json: predictionWire(origin, { status: "canceled" }),
    }),
    search: () => ({ status: 200, json: searchWire(origin) }),
    "trainings.list": page([trainingWire(origin)], "/trainings"),
    "trainings.get": () => ({ status: 200, json: succeededTrainingWire(origin) }),
    "trainings.cancel": () => ({ status: 200, json: trainingWire(origin, { status: "canceled" }) }),
    "webhooks.default.secret.get": () => ({ status: 200, json: { key: "whsec_dGVzdA==" } }),
  };
}

/** Walks every page of a list, so that cursor requests are checked too. */
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

const model = { modelOwner: "replicate", modelName: "hello-world" };
const deployment = { deploymentOwner: "acme", deploymentName: "image-maker" };
const webhook = {
  webhook: "https://example.com/hook",
  webhookEventsFilter: ["completed" as const],
};

/** Every SDK method, with every optional parameter that changes the request. */
const everyCall: [string, (replicate: Replicate) => Promise<unknown>][] = [
  ["account.get", (r) => r.account.get()],
  ["collections.list", (r) => all(r.collections.list())],
  ["collections.get", (r) => r.collections.get({ collectionSlug: "super-resolution" })],
  ["deployments.list", (r) => all(r.deployments.list())],
  ["deployments.get", (r) => r.deployments.get(deployment)],
  [
    "deployments.create",
    (r) =>
      r.deployments.create({
        name: "image-maker",
        model: "replicate/hello-world",
        version: VERSION_ID,
        hardware: "gpu-t4",
        minInstances: 0,
        maxInstances: 2,
      }),
  ],
  [
    "deployments.update",
    (r) =>
      r.deployments.update({
        ...deployment,
        version: VERSION_ID,
        hardware: "cpu",
        minInstances: 1,
        maxInstances: 4,
      }),
  ],
  ["deployments.delete", (r) => r.deployments.delete(deployment)],
  [
    "deployments.predictions.create",
    (r) =>
      r.deployments.predictions.create({
        ...deployment,
        input: { text: "Alice" },
        wait: 5,
        cancelAfter: "5m",
        ...webhook,
      }),
  ],
  ["hardware.list", (r) => r.hardware.list()],
  ["models.list", (r) => all(r.models.list())],
  [
    "models.list sorted",
    (r) => all(r.models.list({ sortBy: "model_created_at", sortDirection: "asc" })),
  ],
  ["models.search", (r) => all(r.models.search({ query: "upscale faces" }))],
  [
    "models.create",
    (r) =>
      r.models.create({
        owner: "alice",
        name: "hot-dog-detector",
        visibility: "public",
        hardware: "cpu",
        description: "Detect hot dogs",
        githubUrl: "https://github.com/alice/hot-dog-detector",
        coverImageUrl: "https://example.com/cover.png",
        licenseUrl: "https://example.com/license",
        paperUrl: "https://arxiv.org/abs/2504.17639",
      }),
  ],
  ["models.get", (r) => r.models.get(model)],
  [
    "models.update",
    (r) =>
      r.models.update({
        ...model,
        description: "d",
        githubUrl: "https://github.com/a/b",
        licenseUrl: "https://example.com/license",
        paperUrl: "https://example.com/paper",
        readme: "# Hi",
        weightsUrl: "https://example.com/weights",
      }),
  ],
  ["models.delete (model)", (r) => r.models.delete(model)],
  ["models.delete (version)", (r) => r.models.delete({ ...model, versionId: VERSION_ID })],
  ["models.examples", (r) => all(r.models.examples(model))],
  ["models.readme", (r) => r.models.readme(model)],
  ["models.versions", (r) => all(r.models.versions(model))],
  ["models.version", (r) => r.models.version({ ...model, versionId: VERSION_ID })],
  ["models.collection", (r) => r.models.collection({ collectionSlug: "super-resolution" })],
  [
    "models.predictions.create",
    (r) =>
      r.models.predictions.create({ ...model, input: { text: "Alice" }, wait: true, ...webhook }),
  ],
  [
    "predictions.create",
    (r) =>
      r.predictions.create({
        version: VERSION_ID,
        input: { text: "Alice" },
        cancelAfter: 90,
        stream: true,
        ...webhook,
      }),
  ],
  ["predictions.get", (r) => r.predictions.get({ id: "p1" })],
  ["predictions.cancel", (r) => r.predictions.cancel({ id: "p1" })],
  [
    "predictions.list",
    (r) =>
      all(
        r.predictions.list({
          createdAfter: new Date("2025-01-01T00:00:00Z"),
          createdBefore: "2025-02-01T00:00:00Z",
          source: "web",
        }),
      ),
  ],
  ["run", (r) => r.run("replicate/hello-world", { input: { text: "Alice" } })],
  ["search", (r) => r.search({ query: "nano banana", limit: 10 })],
  [
    "trainings.create",
    (r) =>
      r.trainings.create({
        ...model,
        versionId: VERSION_ID,
        destination: "alice/hello-trained",
        input: { steps: 10 },
        ...webhook,
      }),
  ],
  ["trainings.get", (r) => r.trainings.get({ trainingId: "t1" })],
  ["trainings.cancel", (r) => r.trainings.cancel({ trainingId: "t1" })],
  ["trainings.list", (r) => all(r.trainings.list())],
  ["trainings.wait", (r) => r.trainings.wait({ trainingId: "t1" })],
  ["trainings.snapshots", (r) => all(r.trainings.snapshots({ trainingId: "t1" }))],
  ["webhooks.defaultSecret", (r) => r.webhooks.defaultSecret()],
];

describe("contract with spec/replicate-openapi.json", () => {
  let server: SpecServer;
  let replicate: Replicate;
  const answerProblems: string[] = [];

  beforeAll(async () => {
    let origin = "";
    const handlers = Object.fromEntries(
      operations.map(({ operationId }) => [
        operationId,
        (call: { operationId: string; query: URLSearchParams }) => {
          const answer = answers(origin)[call.operationId]?.(call.query.get("cursor"));
          if (!answer) return { status: 500, json: { detail: `no answer for ${operationId}` } };
          if (!("text" in answer)) {
            answerProblems.push(...checkResponse(call.operationId, answer.status, answer.json));
          }
          return answer;
        },
      ]),
    );
    server = await startSpecServer(handlers);
    origin = server.origin;
    replicate = new Replicate({ auth: "r8_contract_token", baseUrl: server.baseUrl });
  });
  afterAll(() => server.close());

  it.each(everyCall)("%s sends only what the spec allows", async (_name, call) => {
    const before = server.requests.length;
    await call(replicate);
    const sent = server.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      const check = checkRequest(request);
      expect(check.problems).toEqual([]);
    }
  });

  it("reaches every operation of the spec", () => {
    const reached = new Set(server.checks.map((check) => check.operationId));
    const missing = operations
      .map(({ operationId }) => operationId)
      .filter((operationId) => !OWNED_ELSEWHERE(operationId) && !reached.has(operationId));
    expect(missing).toEqual([]);
  });

  it("answers the tests with bodies of the spec's shapes", () => {
    expect(answerProblems).toEqual([]);
  });
});

describe("the contract checker", () => {
  // These show that the checks above could fail: each bad request is caught.
  const request = (method: string, url: string, body = "", contentType?: string) => ({
    method,
    url,
    headers: contentType ? { "content-type": contentType } : {},
    body,
  });

  it("finds literal paths before templated ones", () => {
    expect(findOperation("GET", "/webhooks/default/secret")?.operation.operationId).toBe(
      "webhooks.default.secret.get",
    );
    expect(findOperation("QUERY", "/models")?.operation.operationId).toBe("models.search");
  });

  it("catches an unknown path, an unknown query parameter and an empty path segment", () => {
    expect(checkRequest(request("GET", "/v1/modelz")).problems).toHaveLength(1);
    expect(checkRequest(request("GET", "/v1/models?sortBy=x")).problems[0]).toMatch(
      /query parameter sortBy is not in the spec/,
    );
    expect(checkRequest(request("GET", "/v1/models?sort_by=name")).problems[0]).toMatch(
      /query sort_by must be equal to one of the allowed values/,
    );
    expect(checkRequest(request("GET", "/v1/collections/%20")).problems[0]).toMatch(
      /path parameter collection_slug/,
    );
  });

  it("catches a body field the spec does not know, and a missing required one", () => {
    const body = JSON.stringify({ name: "d", model: "a/b", version: "v", hardware: "cpu" });
    const problems = checkRequest(
      request("POST", "/v1/deployments", body, "application/json"),
    ).problems;
    expect(problems.join("\n")).toMatch(/min_instances/);
    const extra = JSON.stringify({ destination: "a/b", input: {}, webhookUrl: "x" });
    expect(
      checkRequest(
        request("POST", `/v1/models/a/b/versions/v/trainings`, extra, "application/json"),
      ).problems.join("\n"),
    ).toMatch(/unevaluated properties/);
  });

  it("catches a wrong content type and a body where the spec has none", () => {
    expect(
      checkRequest(request("QUERY", "/v1/models", '"x"', "application/json")).problems[0],
    ).toMatch(/content type application\/json is not one of text\/plain/);
    expect(checkRequest(request("GET", "/v1/account", "{}")).problems[0]).toMatch(
      /sends a body, but the spec has none/,
    );
  });
});

describe("the answer checker used against the emulator", () => {
  it("reports an answer whose shape differs from the spec", async () => {
    const server = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, { type: "robot", username: 5 }),
    );
    try {
      const answers = specCheckingFetch();
      const replicate = new Replicate({
        auth: "r8_x",
        baseUrl: server.baseUrl,
        fetch: answers.fetch,
      });
      await replicate.account.get();
      expect(answers.problems.join("\n")).toMatch(
        /GET \/v1\/account: account.get 200 answer\/type/,
      );
      expect(answers.problems.join("\n")).toMatch(/\/username must be string/);
    } finally {
      await server.close();
    }
  });
});
