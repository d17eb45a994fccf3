import {
  BUILTIN,
  HELLO_WORLD_VERSION,
  type RunningEmulator,
  startEmulator,
} from "@replicate-ts/emulator";
import Replicate, {
  Deployment,
  ModelsCollection,
  ModelVersion,
  NotFoundError,
  Prediction,
  ReplicateModel,
  ReplicateTraining,
} from "replicate-ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specCheckingFetch } from "./support/checking-fetch";

/**
 * Every resource against the emulator over real HTTP: a stateful server, so these tests follow
 * whole stories (create a model, train it, deploy it, delete it) rather than one request each.
 */

const WEBHOOK_SECRET = "whsec_ZW11bGF0b3Itc2VjcmV0LWZvci10ZXN0cw==";

let emulator: RunningEmulator;
let replicate: Replicate;
const answers = specCheckingFetch();

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    speed: 200,
    quiet: true,
    pageSize: 2,
    account: { username: "alice" },
    webhookSecret: WEBHOOK_SECRET,
  });
  replicate = new Replicate({
    auth: "r8_emulator_token",
    baseUrl: emulator.baseUrl,
    pollingInterval: 10,
    fetch: answers.fetch,
  });
});
afterAll(() => emulator?.close());

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const collected: T[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

const helloWorld = { modelOwner: "replicate", modelName: "hello-world" };

describe("models against the emulator", () => {
  it("get() gives hello-world with its latest version and default example", async () => {
    const model = await replicate.models.get(helloWorld);
    expect(model).toBeInstanceOf(ReplicateModel);
    expect(model.fullName).toBe("replicate/hello-world");
    expect(model.latestVersion?.id).toBe(HELLO_WORLD_VERSION);
    expect(model.latestVersion?.createdAt).toBeInstanceOf(Date);
    expect(model.defaultExample).toBeInstanceOf(Prediction);
  });

  it("list() walks every page of public models (two per page here)", async () => {
    const first = await replicate.models.list();
    expect(first.results).toHaveLength(2);
    expect(first.hasNextPage).toBe(true);
    const everything = await all(replicate.models.list({ sortDirection: "asc" }));
    expect(everything.length).toBeGreaterThan(2);
    expect(everything.map((model) => model.fullName)).toContain("replicate/hello-world");
  });

  it("search() finds hello-world through QUERY /models", async () => {
    const found = await all(replicate.models.search({ query: "hello" }));
    expect(found.map((model) => model.fullName)).toContain("replicate/hello-world");
  });

  it("search() walks every page, sending the query again with each cursor", async () => {
    const found = await all(replicate.models.search({ query: "replicate-ts" }));
    expect(found.length).toBeGreaterThan(2);
    const searches = [...emulator.requests].filter((entry) => entry.method === "QUERY");
    expect(searches.some((entry) => "cursor" in entry.query)).toBe(true);
    expect(searches.every((entry) => entry.body === "replicate-ts" || entry.body === "hello")).toBe(
      true,
    );
  });

  it("readme(), examples(), versions() and version() describe hello-world", async () => {
    await expect(replicate.models.readme(helloWorld)).resolves.toMatch(/\S/);
    const examples = await all(replicate.models.examples(helloWorld));
    expect(examples.every((example) => example instanceof Prediction)).toBe(true);
    const versions = await all(replicate.models.versions(helloWorld));
    expect(versions.map((version) => version.id)).toContain(HELLO_WORLD_VERSION);
    const version = await replicate.models.version({
      ...helloWorld,
      versionId: HELLO_WORLD_VERSION,
    });
    expect(version).toBeInstanceOf(ModelVersion);
    expect(version.openapiSchema).toHaveProperty("components");
  });

  it("create(), update(), get() and delete() a model of your own", async () => {
    const created = await replicate.models.create({
      owner: "alice",
      name: "greeter",
      visibility: "private",
      hardware: "cpu",
      description: "My greeter",
    });
    expect(created.fullName).toBe("alice/greeter");
    expect(created.visibility).toBe("private");

    const updated = await replicate.models.update({
      modelOwner: "alice",
      modelName: "greeter",
      description: "Says hello",
      readme: "# Greeter\n",
    });
    expect(updated.description).toBe("Says hello");
    await expect(
      replicate.models.readme({ modelOwner: "alice", modelName: "greeter" }),
    ).resolves.toBe("# Greeter\n");

    await expect(
      replicate.models.delete({ modelOwner: "alice", modelName: "greeter" }),
    ).resolves.toBeUndefined();
    await expect(
      replicate.models.get({ modelOwner: "alice", modelName: "greeter" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("model predictions against the emulator", () => {
  it("predictions.create() runs a model by name", async () => {
    const prediction = await replicate.models.predictions.create({
      ...helloWorld,
      input: { text: "Carol" },
      wait: true,
    });
    const finished = await replicate.predictions.wait(prediction);
    expect(finished.output).toBe("hello Carol");
  });

  it("a training to a destination that does not exist is refused with the API's detail", async () => {
    const [owner, name] = BUILTIN.trainable.model.split("/") as [string, string];
    const attempt = replicate.trainings.create({
      modelOwner: owner,
      modelName: name,
      versionId: BUILTIN.trainable.version,
      destination: "alice/no-such-model",
      input: { greeting: "hi" },
    });
    await expect(attempt).rejects.toMatchObject({ statusCode: expect.any(Number) });
    await expect(attempt).rejects.toThrow(/no-such-model/);
  });
});

describe("collections against the emulator", () => {
  it("list() and get() the built-in collections", async () => {
    const collections = await all(replicate.collections.list());
    expect(collections.map((collection) => collection.slug)).toContain("emulator-models");
    const collection = await replicate.collections.get({ collectionSlug: "emulator-models" });
    expect(collection).toBeInstanceOf(ModelsCollection);
    expect(collection.models.map((model) => model.fullName)).toContain("replicate/hello-world");
    const same = await replicate.models.collection({ collectionSlug: "emulator-models" });
    expect(same.name).toBe(collection.name);
  });
});

describe("trainings against the emulator", () => {
  /** Creates the destination model alice/<destination> and trains the built-in trainable model into it. */
  async function trainInto(destination: string, input: { greeting: string; steps: number }) {
    await replicate.models.create({
      owner: "alice",
      name: destination,
      visibility: "private",
      hardware: "cpu",
    });
    const [owner, name] = BUILTIN.trainable.model.split("/") as [string, string];
    return replicate.trainings.create({
      modelOwner: owner,
      modelName: name,
      versionId: BUILTIN.trainable.version,
      destination: `alice/${destination}`,
      input,
    });
  }

  it("trains a model into a new version of the destination, then deletes that version", async () => {
    const training = await trainInto("hola", { greeting: "hola", steps: 5 });
    expect(training).toBeInstanceOf(ReplicateTraining);

    const statuses: string[] = [];
    for await (const snapshot of replicate.trainings.snapshots({ trainingId: training.id })) {
      statuses.push(snapshot.status);
    }
    expect(statuses.at(-1)).toBe("succeeded");

    const fetched = await replicate.trainings.get({ trainingId: training.id });
    expect(fetched.isTerminated).toBe(true);
    expect(fetched.model).toBe(BUILTIN.trainable.model);
    const done = await replicate.trainings.wait({ trainingId: training.id });
    expect(done.isSucceeded).toBe(true);
    expect(done.output?.version).toMatch(/\S/);
    expect(done.completedAt).toBeInstanceOf(Date);

    // The API names the new version as `owner/name:id`, which run() takes as it is.
    const reference = done.output!.version!;
    expect(reference).toMatch(/^alice\/hola:\w+$/);
    const newVersion = reference.split(":")[1]!;
    const version = await replicate.models.version({
      modelOwner: "alice",
      modelName: "hola",
      versionId: newVersion,
    });
    expect(version.id).toBe(newVersion);
    const listed = await all(replicate.trainings.list());
    expect(listed.map((t) => t.id)).toContain(training.id);

    const output = await replicate.run(reference, { input: { text: "Alice" } });
    expect(output).toBe("hola Alice");

    await expect(
      replicate.models.delete({ modelOwner: "alice", modelName: "hola", versionId: newVersion }),
    ).resolves.toBeUndefined();
  });

  it("cancel() stops a running training", async () => {
    const training = await trainInto("slow-greeter", { greeting: "hey", steps: 10000 });
    const canceled = await replicate.trainings.cancel({ trainingId: training.id });
    const final = await replicate.trainings.wait(canceled);
    expect(final.isCanceled || final.isAborted).toBe(true);
  });
});

describe("deployments against the emulator", () => {
  it("create(), get(), list(), update(), run a prediction on it, and delete()", async () => {
    const hardware = await replicate.hardware.list();
    expect(hardware.length).toBeGreaterThan(0);
    const sku = hardware[0]!.sku;

    const created = await replicate.deployments.create({
      name: "hello-deploy",
      model: "replicate/hello-world",
      version: HELLO_WORLD_VERSION,
      hardware: sku,
      minInstances: 0,
      maxInstances: 1,
    });
    expect(created).toBeInstanceOf(Deployment);
    expect(created.fullName).toBe("alice/hello-deploy");
    expect(created.currentRelease?.version).toBe(HELLO_WORLD_VERSION);

    const reference = { deploymentOwner: "alice", deploymentName: "hello-deploy" };
    const fetched = await replicate.deployments.get(reference);
    expect(fetched.currentRelease?.configuration.hardware).toBe(sku);

    const deployments = await all(replicate.deployments.list());
    expect(deployments.map((d) => d.fullName)).toContain("alice/hello-deploy");

    const updated = await replicate.deployments.update({ ...reference, maxInstances: 3 });
    expect(updated.currentRelease?.configuration.maxInstances).toBe(3);
    expect(updated.currentRelease?.number).toBeGreaterThan(created.currentRelease?.number ?? 0);

    const prediction = await replicate.deployments.predictions.create({
      ...reference,
      input: { text: "Bob" },
    });
    const finished = await replicate.predictions.wait(prediction);
    expect(finished.output).toBe("hello Bob");

    await expect(replicate.deployments.delete(reference)).resolves.toBeUndefined();
    await expect(replicate.deployments.get(reference)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("account, hardware, search, webhook secret and raw requests against the emulator", () => {
  it("account.get() gives the emulator's account", async () => {
    const account = await replicate.account.get();
    expect(account.username).toBe("alice");
    expect(["user", "organization"]).toContain(account.type);
  });

  it("hardware.list() gives name and sku of each option", async () => {
    const hardware = await replicate.hardware.list();
    expect(hardware.length).toBeGreaterThan(0);
    for (const option of hardware) {
      expect(option.name).toMatch(/\S/);
      expect(option.sku).toMatch(/\S/);
    }
  });

  it("search() finds models with their metadata", async () => {
    const results = await replicate.search({ query: "hello", limit: 5 });
    expect(results.query).toBe("hello");
    expect(results.models.map(({ model }) => model.fullName)).toContain("replicate/hello-world");
    const hello = results.models.find(({ model }) => model.fullName === "replicate/hello-world");
    expect(hello?.metadata.generatedDescription).toMatch(/\S/);
    expect(hello?.metadata.score).toBeGreaterThan(0);
    expect(hello?.metadata.tags.length).toBeGreaterThan(0);
    expect(results.models.length).toBeLessThanOrEqual(5);
    expect(Array.isArray(results.collections)).toBe(true);
    expect(Array.isArray(results.pages)).toBe(true);
  });

  it("webhooks.defaultSecret() gives the signing secret", async () => {
    const secret = await replicate.webhooks.defaultSecret();
    expect(secret.key).toBe(WEBHOOK_SECRET);
  });

  it("request() reaches any endpoint with the client's auth", async () => {
    const account = await replicate.request<{ username: string }>({
      method: "GET",
      path: "/account",
    });
    expect(account.username).toBe("alice");
  });
});

describe("the emulator's answers", () => {
  it("have the statuses and shapes the spec gives", () => {
    expect(answers.problems).toEqual([]);
  });
});
