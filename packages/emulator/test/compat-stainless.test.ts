import { BUILTIN, HELLO_WORLD_VERSION } from "@replicate-ts/emulator";
import Replicate from "replicate-stainless";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { contractCheckingFetch } from "./helpers/contract";
import { useEmulator } from "./helpers/emulator";
import { TOKEN } from "./helpers/http";

/**
 * The official Stainless-generated client (replicate-stainless 0.9.0), unchanged, pointed at the
 * emulator. Every response it receives is also checked against the spec.
 */
describe("the replicate-stainless client", () => {
  const { emulator } = useEmulator({ pageSize: 3 });
  const checker = contractCheckingFetch();
  let client: Replicate;
  beforeAll(() => {
    client = new Replicate({
      bearerToken: TOKEN,
      baseURL: emulator().baseUrl,
      fetch: checker.fetch,
    });
  });
  afterAll(() => {
    expect(checker.problems).toEqual([]);
  });

  test("run() hello-world", async () => {
    expect(
      await client.run(`replicate/hello-world:${HELLO_WORLD_VERSION}`, {
        input: { text: "Alice" },
        wait: { mode: "block" },
      }),
    ).toBe("hello Alice");
    expect(
      await client.run("replicate/hello-world", {
        input: { text: "Bob" },
        wait: { mode: "block" },
      }),
    ).toBe("hello Bob");
  });

  test("predictions: create with Prefer: wait, get, cancel", async () => {
    const done = await client.predictions.create({
      version: HELLO_WORLD_VERSION,
      input: { text: "s" },
      Prefer: "wait",
    });
    expect(done).toMatchObject({ status: "succeeded", output: "hello s" });
    expect((await client.predictions.get({ prediction_id: done.id })).output).toBe("hello s");
    const slow = await client.predictions.create({
      version: BUILTIN.slow.version,
      input: { seconds: 300 },
    });
    expect((await client.predictions.cancel({ prediction_id: slow.id })).status).toBe("canceled");
  });

  test("predictions.list auto-paginates through every page", async () => {
    for (let i = 0; i < 4; i++) {
      await client.predictions.create({ version: HELLO_WORLD_VERSION, input: { text: `p${i}` } });
    }
    const ids: string[] = [];
    for await (const prediction of client.predictions.list()) ids.push(prediction.id);
    const expected = emulator()
      .store.predictions.list()
      .map((p) => p.id);
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThan(3);
    const first = await client.predictions.list();
    expect(first.hasNextPage()).toBe(true);
  });

  test("models: get, list, search, versions, examples, readme", async () => {
    const model = (
      await client.models.get({ model_owner: "replicate", model_name: "hello-world" }).asResponse()
    ).json();
    expect(await model).toMatchObject({
      name: "hello-world",
      latest_version: { id: HELLO_WORLD_VERSION },
    });
    const names: string[] = [];
    for await (const m of client.models.list()) names.push(`${m.owner}/${m.name}`);
    expect(names).toContain("replicate-ts/draw-png");
    const search = await (await client.models.search({ body: "png" }).asResponse()).json();
    expect((search as { results: { name: string }[] }).results[0]?.name).toBe("draw-png");
    const versions = await (
      await client.models.versions
        .list({ model_owner: "replicate-ts", model_name: "slow" })
        .asResponse()
    ).json();
    expect((versions as { results: { id: string }[] }).results[0]?.id).toBe(BUILTIN.slow.version);
    const examples = await (
      await client.models.examples
        .list({ model_owner: "replicate", model_name: "hello-world" })
        .asResponse()
    ).json();
    expect((examples as { results: unknown[] }).results).toHaveLength(1);
    expect(
      await client.models.readme.get({ model_owner: "replicate", model_name: "hello-world" }),
    ).toContain("Hello");
    const viaModel = await client.models.predictions.create({
      model_owner: "replicate",
      model_name: "hello-world",
      input: { text: "m" },
      Prefer: "wait",
    });
    expect(viaModel.output).toBe("hello m");
  });

  test("files: create (multipart), get, list, download, delete", async () => {
    const content = new File(["stainless bytes"], "s.txt", { type: "text/plain" });
    const file = await client.files.create({ content, metadata: JSON.stringify({ via: "json" }) });
    expect(file).toMatchObject({ size: 15, content_type: "text/plain", metadata: { via: "json" } });
    const flattened = await client.files.create({ content, metadata: { via: "brackets" } });
    expect(flattened.metadata).toEqual({ via: "brackets" });
    expect((await client.files.get({ file_id: file.id })).id).toBe(file.id);
    const ids: string[] = [];
    for await (const f of client.files.list()) ids.push(f.id);
    expect(ids).toEqual([flattened.id, file.id]);
    const signed = new URL(emulator().fileDownloadUrl(file.id, { origin: emulator().url }));
    const response = await client.files.download({
      file_id: file.id,
      owner: signed.searchParams.get("owner") ?? "",
      expiry: Number(signed.searchParams.get("expiry")),
      signature: signed.searchParams.get("signature") ?? "",
    });
    expect(await response.text()).toBe("stainless bytes");
    await client.files.delete({ file_id: file.id });
    await expect(client.files.get({ file_id: file.id })).rejects.toMatchObject({ status: 404 });
  });

  test("trainings: create, get until done, list, cancel", async () => {
    await client.models.create({
      owner: "emulator",
      name: "st-trained",
      visibility: "private",
      hardware: "cpu",
    });
    const training = await client.trainings.create({
      model_owner: "replicate-ts",
      model_name: "trainable",
      version_id: BUILTIN.trainable.version,
      destination: "emulator/st-trained",
      input: { greeting: "salut", steps: 5 },
    });
    let current = training;
    while (!["succeeded", "failed", "canceled"].includes(current.status ?? "")) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      current = await client.trainings.get({ training_id: training.id ?? "" });
    }
    expect(current.output?.version).toMatch(/^emulator\/st-trained:[0-9a-f]{64}$/);
    const ids: string[] = [];
    for await (const t of client.trainings.list()) ids.push(t.id ?? "");
    expect(ids).toContain(training.id);
    const run = await client.run(current.output?.version ?? "", {
      input: { text: "monde" },
      wait: { mode: "block" },
    });
    expect(run).toBe("salut monde");
    const canceled = await client.trainings.cancel({ training_id: training.id ?? "" });
    expect(canceled.status).toBe("succeeded");
  });

  test("deployments, collections, hardware, account, webhook secret", async () => {
    const deployment = await client.deployments.create({
      name: "st",
      model: "replicate/hello-world",
      version: HELLO_WORLD_VERSION,
      hardware: "cpu",
      min_instances: 0,
      max_instances: 1,
    });
    expect(deployment.current_release?.number).toBe(1);
    const prediction = await client.deployments.predictions.create({
      deployment_owner: "emulator",
      deployment_name: "st",
      input: { text: "dep" },
      Prefer: "wait",
    });
    expect(prediction.output).toBe("hello dep");
    expect(
      (
        await client.deployments.update({
          deployment_owner: "emulator",
          deployment_name: "st",
          max_instances: 2,
        })
      ).current_release?.number,
    ).toBe(2);
    const names: string[] = [];
    for await (const d of client.deployments.list()) names.push(d.name ?? "");
    expect(names).toEqual(["st"]);
    await client.deployments.delete({ deployment_owner: "emulator", deployment_name: "st" });
    const collections = await (await client.collections.list().asResponse()).json();
    expect((collections as { results: unknown[] }).results.length).toBeGreaterThan(0);
    expect((await client.hardware.list()).map((h) => h.sku)).toContain("gpu-t4");
    expect((await client.account.get()).username).toBe("emulator");
    expect((await client.webhooks.default.secret.get()).key).toBe(emulator().webhooks.secret);
  });

  test("errors come back as the client's APIError with the status", async () => {
    await expect(
      client.predictions.create({ version: HELLO_WORLD_VERSION, input: {} }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(client.predictions.get({ prediction_id: "missing" })).rejects.toMatchObject({
      status: 404,
    });
  });

  test("a 503 on a GET is retried by the client", async () => {
    emulator().faults.add({ method: "GET", path: "/account", status: 503, retryAfter: 0 });
    expect((await client.account.get()).username).toBe("emulator");
    expect(
      emulator()
        .requests.filter((r) => r.path === "/v1/account")
        .slice(-2)
        .map((r) => r.status),
    ).toEqual([503, 200]);
  });
});
