import Replicate, {
  InvalidArgumentError,
  ModelsCollection,
  ModelVersion,
  NotFoundError,
  Prediction,
  ReplicateModel,
} from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import { predictionWire } from "./support/predictions";
import { type OperationHandler, type SpecServer, startSpecServer } from "./support/spec-server";
import {
  collectionWire,
  modelWire,
  pageWire,
  VERSION_ID,
  versionWire,
} from "./support/wire-fixtures";

const TOKEN = "r8_models_token";

describe("models", () => {
  let server: SpecServer;
  afterEach(() => server?.close());

  async function clientFor(handlers: Record<string, OperationHandler>) {
    server = await startSpecServer(handlers);
    return new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
  }

  it("get() fetches a model and wraps it with camelCase fields, Dates, raw and toJSON", async () => {
    const replicate = await clientFor({
      "models.get": (_call, origin) => ({ status: 200, json: modelWire(origin) }),
    });
    const model = await replicate.models.get({ modelOwner: "replicate", modelName: "hello-world" });

    expect(server.calls[0]!.pathParams).toEqual({
      model_owner: "replicate",
      model_name: "hello-world",
    });
    expect(model).toBeInstanceOf(ReplicateModel);
    expect(model.fullName).toBe("replicate/hello-world");
    expect(model.githubUrl).toBe("https://github.com/replicate/cog-examples");
    expect(model.licenseUrl).toBe("https://www.apache.org/licenses/LICENSE-2.0");
    expect(model.paperUrl).toBeUndefined();
    expect(model.coverImageUrl).toBeUndefined();
    expect(model.runCount).toBe(12345);
    expect(model.visibility).toBe("public");
    expect(model.latestVersion).toBeInstanceOf(ModelVersion);
    expect(model.latestVersion?.createdAt).toEqual(new Date("2025-01-02T03:04:05.000Z"));
    expect(model.latestVersion?.cogVersion).toBe("0.13.6");
    expect(model.defaultExample).toBeInstanceOf(Prediction);
    expect(model.defaultExample?.isSucceeded).toBe(true);
    expect(model.raw.run_count).toBe(12345);
    expect(JSON.parse(JSON.stringify(model))).toEqual(modelWire(server.origin));
  });

  it("get() percent-encodes the owner and name into one path segment each", async () => {
    const replicate = await clientFor({
      "models.get": (_call, origin) => ({ status: 200, json: modelWire(origin) }),
    });
    await replicate.models.get({ modelOwner: "a b", modelName: "x?y" });
    expect(server.requests[0]!.url).toBe("/v1/models/a%20b/x%3Fy");
  });

  it("get() of a missing model rejects with NotFoundError", async () => {
    const replicate = await clientFor({});
    await expect(
      replicate.models.get({ modelOwner: "nobody", modelName: "nothing" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("create() sends the spec's snake_case fields, only those given", async () => {
    const replicate = await clientFor({
      "models.create": (call, origin) => {
        const body = call.json as Record<string, string>;
        return {
          status: 201,
          json: modelWire(origin, { owner: body.owner!, name: body.name!, visibility: "private" }),
        };
      },
    });
    const model = await replicate.models.create({
      owner: "alice",
      name: "hot-dog-detector",
      visibility: "private",
      hardware: "cpu",
      description: "Detect hot dogs in images",
      githubUrl: "https://github.com/alice/hot-dog-detector",
    });

    const [call] = server.calls;
    expect(call!.method).toBe("POST");
    expect(call!.json).toEqual({
      owner: "alice",
      name: "hot-dog-detector",
      visibility: "private",
      hardware: "cpu",
      description: "Detect hot dogs in images",
      github_url: "https://github.com/alice/hot-dog-detector",
    });
    expect(model.fullName).toBe("alice/hot-dog-detector");
    expect(model.visibility).toBe("private");
  });

  it("update() sends a PATCH with only the fields to change", async () => {
    const replicate = await clientFor({
      "models.update": (call, origin) => ({
        status: 200,
        json: modelWire(origin, {
          description: (call.json as { description: string }).description,
        }),
      }),
    });
    const model = await replicate.models.update({
      modelOwner: "alice",
      modelName: "hot-dog-detector",
      description: "Now with mustard",
      readme: "# Hot dogs\n",
      weightsUrl: "https://huggingface.co/alice/hot-dog-detector",
    });
    const [call] = server.calls;
    expect(call!.method).toBe("PATCH");
    expect(call!.url).toBe("/v1/models/alice/hot-dog-detector");
    expect(call!.json).toEqual({
      description: "Now with mustard",
      readme: "# Hot dogs\n",
      weights_url: "https://huggingface.co/alice/hot-dog-detector",
    });
    expect(model.description).toBe("Now with mustard");
  });

  it("list() sends the sort options and walks every page through the cursor URLs", async () => {
    const replicate = await clientFor({
      "models.list": (call, origin) =>
        call.query.get("cursor") === "2"
          ? { status: 200, json: pageWire([modelWire(origin, { name: "second" })]) }
          : {
              status: 200,
              json: pageWire([modelWire(origin, { name: "first" })], {
                next: `${origin}/v1/models?cursor=2&sort_by=model_created_at&sort_direction=asc`,
              }),
            },
    });
    const names: string[] = [];
    for await (const model of replicate.models.list({
      sortBy: "model_created_at",
      sortDirection: "asc",
    })) {
      names.push(model.name);
    }
    expect(names).toEqual(["first", "second"]);
    expect(server.calls[0]!.query.get("sort_by")).toBe("model_created_at");
    expect(server.calls[0]!.query.get("sort_direction")).toBe("asc");
    expect(server.calls).toHaveLength(2);
  });

  it("list() awaited gives the first page, with hasNextPage and next()", async () => {
    const replicate = await clientFor({
      "models.list": (call, origin) =>
        call.query.has("cursor")
          ? { status: 200, json: pageWire([modelWire(origin, { name: "b" })]) }
          : {
              status: 200,
              json: pageWire([modelWire(origin, { name: "a" })], {
                next: `${origin}/v1/models?cursor=x`,
              }),
            },
    });
    const page = await replicate.models.list();
    expect(page.results.map((model) => model.name)).toEqual(["a"]);
    expect(server.calls[0]!.query.toString()).toBe("");
    expect(page.hasNextPage).toBe(true);
    const second = await page.next();
    expect(second.results[0]).toBeInstanceOf(ReplicateModel);
    expect(second.hasNextPage).toBe(false);
  });

  it("search() sends QUERY /models with the query as text/plain, on every page", async () => {
    const replicate = await clientFor({
      "models.search": (call, origin) =>
        call.query.has("cursor")
          ? { status: 200, json: pageWire([modelWire(origin, { name: "later" })]) }
          : {
              status: 200,
              json: pageWire([modelWire(origin, { name: "first" })], {
                next: `${origin}/v1/models?cursor=abc`,
              }),
            },
    });
    const names: string[] = [];
    for await (const model of replicate.models.search({ query: "hot dogs" })) {
      names.push(model.name);
    }
    expect(names).toEqual(["first", "later"]);
    for (const call of server.calls) {
      expect(call.method).toBe("QUERY");
      expect(call.headers["content-type"]).toBe("text/plain");
      expect(call.body).toBe("hot dogs");
    }
    expect(server.calls[1]!.query.get("cursor")).toBe("abc");
  });

  it("examples() gives a page of Predictions", async () => {
    const replicate = await clientFor({
      "models.examples.list": (_call, origin) => ({
        status: 200,
        json: pageWire([predictionWire(origin, { id: "ex1", status: "succeeded" })]),
      }),
    });
    const page = await replicate.models.examples({
      modelOwner: "replicate",
      modelName: "hello-world",
    });
    expect(server.calls[0]!.url).toBe("/v1/models/replicate/hello-world/examples");
    expect(page.results[0]).toBeInstanceOf(Prediction);
    expect(page.results[0]!.id).toBe("ex1");
  });

  it("readme() resolves with the Markdown text, asking for text", async () => {
    const readme = "# Hello world\n\nSays hello.\n";
    const replicate = await clientFor({
      "models.readme.get": () => ({ status: 200, text: readme, contentType: "text/plain" }),
    });
    await expect(
      replicate.models.readme({ modelOwner: "replicate", modelName: "hello-world" }),
    ).resolves.toBe(readme);
    expect(server.calls[0]!.url).toBe("/v1/models/replicate/hello-world/readme");
    expect(server.calls[0]!.headers.accept).toMatch(/^text\/plain/);
  });

  it("versions() gives a page of ModelVersions with id, createdAt, cogVersion, openapiSchema", async () => {
    const replicate = await clientFor({
      "models.versions.list": () => ({ status: 200, json: pageWire([versionWire()]) }),
    });
    const page = await replicate.models.versions({
      modelOwner: "replicate",
      modelName: "hello-world",
    });
    const [version] = page.results;
    expect(server.calls[0]!.url).toBe("/v1/models/replicate/hello-world/versions");
    expect(version).toBeInstanceOf(ModelVersion);
    expect(version!.id).toBe(VERSION_ID);
    expect(version!.createdAt).toEqual(new Date("2025-01-02T03:04:05.000Z"));
    expect(version!.cogVersion).toBe("0.13.6");
    expect(version!.openapiSchema).toHaveProperty("components.schemas.Input");
  });

  it("version() gets one version by id", async () => {
    const replicate = await clientFor({
      "models.versions.get": (call) => ({
        status: 200,
        json: versionWire({ id: call.pathParams.version_id! }),
      }),
    });
    const version = await replicate.models.version({
      modelOwner: "replicate",
      modelName: "hello-world",
      versionId: VERSION_ID,
    });
    expect(server.calls[0]!.url).toBe(`/v1/models/replicate/hello-world/versions/${VERSION_ID}`);
    expect(version.id).toBe(VERSION_ID);
  });

  it("delete() with a versionId deletes that version and resolves with nothing (202)", async () => {
    const replicate = await clientFor({ "models.versions.delete": () => ({ status: 202 }) });
    await expect(
      replicate.models.delete({ modelOwner: "alice", modelName: "m", versionId: VERSION_ID }),
    ).resolves.toBeUndefined();
    expect(server.calls[0]!.method).toBe("DELETE");
    expect(server.calls[0]!.url).toBe(`/v1/models/alice/m/versions/${VERSION_ID}`);
  });

  it("delete() without a versionId deletes the model and resolves with nothing (204)", async () => {
    const replicate = await clientFor({ "models.delete": () => ({ status: 204 }) });
    await expect(
      replicate.models.delete({ modelOwner: "alice", modelName: "m" }),
    ).resolves.toBeUndefined();
    expect(server.calls[0]!.operationId).toBe("models.delete");
    expect(server.calls[0]!.url).toBe("/v1/models/alice/m");
  });

  it("delete() with versionId: undefined refuses rather than deleting the whole model", async () => {
    const replicate = await clientFor({ "models.delete": () => ({ status: 204 }) });
    await expect(
      replicate.models.delete({ modelOwner: "alice", modelName: "m", versionId: undefined }),
    ).rejects.toThrow(/versionId is required/);
    expect(server.requests).toHaveLength(0);
  });

  it("delete() that the API refuses rejects with its error", async () => {
    const replicate = await clientFor({
      "models.delete": () => ({
        status: 409,
        json: { title: "Conflict", detail: "The model has versions.", status: 409 },
      }),
    });
    await expect(replicate.models.delete({ modelOwner: "alice", modelName: "m" })).rejects.toThrow(
      /409.*The model has versions/,
    );
  });

  it("collection() gets a collection with its models", async () => {
    const replicate = await clientFor({
      "collections.get": (_call, origin) => ({ status: 200, json: collectionWire(origin) }),
    });
    const collection = await replicate.models.collection({ collectionSlug: "super-resolution" });
    expect(server.calls[0]!.url).toBe("/v1/collections/super-resolution");
    expect(collection).toBeInstanceOf(ModelsCollection);
    expect(collection.models.map((model) => model.fullName)).toEqual([
      "replicate/hello-world",
      "nightmareai/real-esrgan",
    ]);
  });

  it("predictions.create() still runs an official model by name", async () => {
    const replicate = await clientFor({
      "models.predictions.create": (_call, origin) => ({
        status: 201,
        json: predictionWire(origin),
      }),
    });
    const prediction = await replicate.models.predictions.create({
      modelOwner: "replicate",
      modelName: "hello-world",
      input: { text: "Alice" },
    });
    expect(server.calls[0]!.url).toBe("/v1/models/replicate/hello-world/predictions");
    expect(prediction).toBeInstanceOf(Prediction);
  });

  it("update() with nothing to change refuses before sending", async () => {
    const replicate = await clientFor({});
    await expect(
      replicate.models.update({ modelOwner: "alice", modelName: "m" }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(server.requests).toHaveLength(0);
  });
});
