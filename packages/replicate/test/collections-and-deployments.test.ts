import Replicate, {
  CollectionSummary,
  Deployment,
  ModelsCollection,
  NotFoundError,
  Prediction,
  ReplicateModel,
} from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import { predictionWire } from "./support/predictions";
import { type OperationHandler, type SpecServer, startSpecServer } from "./support/spec-server";
import {
  collectionSummaryWire,
  collectionWire,
  deploymentWire,
  pageWire,
  VERSION_ID,
} from "./support/wire-fixtures";

const TOKEN = "r8_collections_token";

let server: SpecServer;
afterEach(() => server?.close());

async function clientFor(handlers: Record<string, OperationHandler>) {
  server = await startSpecServer(handlers);
  return new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
}

describe("collections", () => {
  it("list() walks every collection summary across pages", async () => {
    const replicate = await clientFor({
      "collections.list": (call, origin) =>
        call.query.has("cursor")
          ? { status: 200, json: pageWire([collectionSummaryWire({ slug: "image-restoration" })]) }
          : {
              status: 200,
              json: pageWire([collectionSummaryWire()], {
                next: `${origin}/v1/collections?cursor=2`,
              }),
            },
    });
    const slugs: string[] = [];
    for await (const collection of replicate.collections.list()) {
      expect(collection).toBeInstanceOf(CollectionSummary);
      slugs.push(collection.slug);
    }
    expect(slugs).toEqual(["super-resolution", "image-restoration"]);
  });

  it("get() gives a ModelsCollection whose models are ReplicateModels", async () => {
    const replicate = await clientFor({
      "collections.get": (_call, origin) => ({ status: 200, json: collectionWire(origin) }),
    });
    const collection = await replicate.collections.get({ collectionSlug: "super-resolution" });
    expect(server.calls[0]!.url).toBe("/v1/collections/super-resolution");
    expect(collection).toBeInstanceOf(ModelsCollection);
    expect(collection.name).toBe("Super resolution");
    expect(collection.fullDescription).toMatch(/^## Super resolution/);
    expect(collection.models[1]).toBeInstanceOf(ReplicateModel);
    expect(collection.models[1]!.fullName).toBe("nightmareai/real-esrgan");
    expect(collection.toJSON()).toBe(collection.raw);
  });

  it("get() of an unknown slug rejects with NotFoundError", async () => {
    const replicate = await clientFor({});
    await expect(replicate.collections.get({ collectionSlug: "nope" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("deployments", () => {
  it("get() wraps the current release with camelCase fields and Dates", async () => {
    const replicate = await clientFor({
      "deployments.get": () => ({ status: 200, json: deploymentWire() }),
    });
    const deployment = await replicate.deployments.get({
      deploymentOwner: "acme",
      deploymentName: "image-maker",
    });
    expect(server.calls[0]!.url).toBe("/v1/deployments/acme/image-maker");
    expect(deployment).toBeInstanceOf(Deployment);
    expect(deployment.fullName).toBe("acme/image-maker");
    const release = deployment.currentRelease!;
    expect(release.number).toBe(3);
    expect(release.model).toBe("replicate/hello-world");
    expect(release.version).toBe(VERSION_ID);
    expect(release.createdAt).toEqual(new Date("2025-02-15T16:32:57.018Z"));
    expect(release.createdBy).toEqual({
      type: "organization",
      username: "acme",
      name: "Acme Corp, Inc.",
      avatarUrl: "https://cdn.replicate.com/avatars/acme.png",
      githubUrl: "https://github.com/acme",
    });
    expect(release.configuration).toEqual({
      hardware: "gpu-t4",
      minInstances: 1,
      maxInstances: 5,
    });
    expect(JSON.parse(JSON.stringify(deployment))).toEqual(deploymentWire());
  });

  it("list() walks every deployment across pages", async () => {
    const replicate = await clientFor({
      "deployments.list": (call, origin) =>
        call.query.has("cursor")
          ? { status: 200, json: pageWire([deploymentWire({ name: "second" })]) }
          : {
              status: 200,
              json: pageWire([deploymentWire({ name: "first" })], {
                next: `${origin}/v1/deployments?cursor=2`,
              }),
            },
    });
    const names: string[] = [];
    for await (const deployment of replicate.deployments.list()) names.push(deployment.name);
    expect(names).toEqual(["first", "second"]);
  });

  it("create() sends the spec's fields in snake_case", async () => {
    const replicate = await clientFor({
      "deployments.create": (call) => {
        const body = call.json as { name: string };
        return { status: 200, json: deploymentWire({ name: body.name }) };
      },
    });
    const deployment = await replicate.deployments.create({
      name: "image-maker",
      model: "replicate/hello-world",
      version: VERSION_ID,
      hardware: "gpu-t4",
      minInstances: 0,
      maxInstances: 3,
    });
    expect(server.calls[0]!.method).toBe("POST");
    expect(server.calls[0]!.json).toEqual({
      name: "image-maker",
      model: "replicate/hello-world",
      version: VERSION_ID,
      hardware: "gpu-t4",
      min_instances: 0,
      max_instances: 3,
    });
    expect(deployment.name).toBe("image-maker");
  });

  it("create() is not retried after a 500: the deployment may exist already", async () => {
    const replicate = await clientFor({
      "deployments.create": () => ({ status: 500, json: { detail: "boom" } }),
    });
    await expect(
      replicate.deployments.create({
        name: "d",
        model: "a/b",
        version: VERSION_ID,
        hardware: "cpu",
        minInstances: 0,
        maxInstances: 1,
      }),
    ).rejects.toThrow(/500/);
    expect(server.requests).toHaveLength(1);
  });

  it("update() sends a PATCH with only the fields to change", async () => {
    const replicate = await clientFor({
      "deployments.update": () => ({ status: 200, json: deploymentWire() }),
    });
    await replicate.deployments.update({
      deploymentOwner: "acme",
      deploymentName: "image-maker",
      maxInstances: 10,
    });
    expect(server.calls[0]!.method).toBe("PATCH");
    expect(server.calls[0]!.url).toBe("/v1/deployments/acme/image-maker");
    expect(server.calls[0]!.json).toEqual({ max_instances: 10 });
  });

  it("delete() resolves with nothing on 204", async () => {
    const replicate = await clientFor({ "deployments.delete": () => ({ status: 204 }) });
    await expect(
      replicate.deployments.delete({ deploymentOwner: "acme", deploymentName: "image-maker" }),
    ).resolves.toBeUndefined();
    expect(server.calls[0]!.method).toBe("DELETE");
    expect(server.calls[0]!.url).toBe("/v1/deployments/acme/image-maker");
  });

  it("predictions.create() still runs on the deployment", async () => {
    const replicate = await clientFor({
      "deployments.predictions.create": (_call, origin) => ({
        status: 201,
        json: predictionWire(origin, { deployment: "acme/image-maker" }),
      }),
    });
    const prediction = await replicate.deployments.predictions.create({
      deploymentOwner: "acme",
      deploymentName: "image-maker",
      input: { text: "Alice" },
    });
    expect(server.calls[0]!.url).toBe("/v1/deployments/acme/image-maker/predictions");
    expect(prediction).toBeInstanceOf(Prediction);
    expect(prediction.deployment).toBe("acme/image-maker");
  });
});
