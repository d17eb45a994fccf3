import { BUILTIN, HELLO_WORLD_VERSION } from "@replicate-ts/emulator";
import Replicate, { validateWebhook } from "replicate";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { contractCheckingFetch } from "./helpers/contract";
import { useEmulator } from "./helpers/emulator";
import { TOKEN } from "./helpers/http";
import { startReceiver, type WebhookReceiver } from "./helpers/receiver";

/**
 * The official `replicate` npm client (1.4.0), unchanged, pointed at the emulator. Every response
 * it receives is also checked against the spec.
 */
describe("the official replicate client", () => {
  const { emulator } = useEmulator({ pageSize: 3 });
  const checker = contractCheckingFetch();
  let replicate: Replicate;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    replicate = new Replicate({ auth: TOKEN, baseUrl: emulator().baseUrl, fetch: checker.fetch });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    expect(checker.problems).toEqual([]);
  });

  test("run() hello-world by version and by model name", async () => {
    expect(
      await replicate.run(`replicate/hello-world:${HELLO_WORLD_VERSION}`, {
        input: { text: "Alice" },
      }),
    ).toBe("hello Alice");
    expect(await replicate.run("replicate/hello-world", { input: { text: "Bob" } })).toBe(
      "hello Bob",
    );
  });

  test("run() in poll mode reports progress and returns the output", async () => {
    const statuses: string[] = [];
    const output = await replicate.run(
      `replicate-ts/slow:${BUILTIN.slow.version}`,
      { input: { seconds: 2 }, wait: { mode: "poll", interval: 10 } },
      (prediction) => statuses.push(prediction.status),
    );
    expect(output).toBe("slept for 2 seconds");
    expect(statuses[0]).toBe("starting");
    expect(statuses.at(-1)).toBe("succeeded");
  });

  test("run() rejects when the model fails", async () => {
    await expect(
      replicate.run(`replicate-ts/fail:${BUILTIN.fail.version}`, { input: { message: "nope" } }),
    ).rejects.toThrow("Prediction failed: nope");
  });

  test("run() uploads a Blob input through the Files API and passes its URL", async () => {
    const output = (await replicate.run(`replicate/hello-world:${HELLO_WORLD_VERSION}`, {
      input: { text: new Blob(["a file"], { type: "text/plain" }) },
    })) as unknown as string;
    expect(output).toMatch(new RegExp(`^hello ${emulator().baseUrl}/files/[a-z2-7]{26}$`));
  });

  test("predictions: create, get, wait, cancel, list", async () => {
    const created = await replicate.predictions.create({
      version: HELLO_WORLD_VERSION,
      input: { text: "p" },
    });
    expect(created.status).toBe("starting");
    expect((await replicate.predictions.get(created.id)).id).toBe(created.id);
    const done = await replicate.wait(created, { interval: 10 });
    expect(done.output).toBe("hello p");

    const slow = await replicate.predictions.create({
      version: BUILTIN.slow.version,
      input: { seconds: 300 },
    });
    const canceled = await replicate.predictions.cancel(slow.id);
    expect(canceled.status).toBe("canceled");

    const page = await replicate.predictions.list();
    expect(page.results.map((p) => p.id)).toContain(slow.id);
  });

  test("paginate() walks every page through the cursor URLs", async () => {
    for (let i = 0; i < 4; i++) {
      await replicate.predictions.create({
        version: HELLO_WORLD_VERSION,
        input: { text: `page ${i}` },
      });
    }
    const total = emulator().store.predictions.list().length;
    const seen: string[] = [];
    let pages = 0;
    for await (const page of replicate.paginate(replicate.predictions.list)) {
      pages += 1;
      seen.push(...page.map((p) => p.id));
    }
    expect(pages).toBeGreaterThan(1);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  test("stream() yields the tokens of the streaming model, then done", async () => {
    const events: { event: string; data: string }[] = [];
    for await (const event of replicate.stream("replicate-ts/stream-text", {
      input: { prompt: "stream", max_tokens: 6 },
    })) {
      events.push({ event: event.event, data: String(event.data) });
    }
    const text = events
      .filter((e) => e.event === "output")
      .map((e) => e.data)
      .join("");
    expect(text.startsWith("You said: stream.")).toBe(true);
    expect(events.at(-1)?.event).toBe("done");
  });

  test("files: create, get, list, delete", async () => {
    const file = await replicate.files.create(new Blob(["content"], { type: "text/plain" }), {
      purpose: "test",
    });
    expect(file).toMatchObject({
      size: 7,
      content_type: "text/plain",
      metadata: { purpose: "test" },
    });
    expect((await replicate.files.get(file.id)).id).toBe(file.id);
    expect((await replicate.files.list()).results.map((f) => f.id)).toContain(file.id);
    expect(await replicate.files.delete(file.id)).toBe(true);
  });

  test("models: get, list, search, versions, create", async () => {
    const model = await replicate.models.get("replicate", "hello-world");
    expect(model.latest_version?.id).toBe(HELLO_WORLD_VERSION);
    expect((await replicate.models.list()).results.length).toBeGreaterThan(0);
    const found = await replicate.models.search("hello");
    expect(found.results[0]?.name).toBe("hello-world");
    const versions = await replicate.models.versions.list("replicate", "hello-world");
    expect(versions.results[0]?.id).toBe(HELLO_WORLD_VERSION);
    expect(
      (await replicate.models.versions.get("replicate", "hello-world", HELLO_WORLD_VERSION)).id,
    ).toBe(HELLO_WORLD_VERSION);
    const created = await replicate.models.create("emulator", "compat-model", {
      visibility: "private",
      hardware: "cpu",
    });
    expect(created.name).toBe("compat-model");
  });

  test("trainings: create, get until done, list, and run the trained version", async () => {
    await replicate.models.create("emulator", "compat-trained", {
      visibility: "private",
      hardware: "cpu",
    });
    const training = await replicate.trainings.create(
      "replicate-ts",
      "trainable",
      BUILTIN.trainable.version,
      {
        destination: "emulator/compat-trained",
        input: { greeting: "ciao", steps: 5 },
      },
    );
    let current = training;
    while (!["succeeded", "failed", "canceled"].includes(current.status)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      current = await replicate.trainings.get(training.id);
    }
    expect(current.status).toBe("succeeded");
    expect((await replicate.trainings.list()).results.map((t) => t.id)).toContain(training.id);
    const output = current.output as { version: string };
    expect(
      await replicate.run(output.version as `${string}/${string}:${string}`, {
        input: { text: "tutti" },
      }),
    ).toBe("ciao tutti");
    const another = await replicate.trainings.create(
      "replicate-ts",
      "trainable",
      BUILTIN.trainable.version,
      {
        destination: "emulator/compat-trained",
        input: { greeting: "hey", steps: 9000 },
      },
    );
    expect((await replicate.trainings.cancel(another.id)).status).toBe("canceled");
  });

  test("deployments: create, get, predict, update, list, delete", async () => {
    const deployment = await replicate.deployments.create({
      name: "compat",
      model: "replicate/hello-world",
      version: HELLO_WORLD_VERSION,
      hardware: "cpu",
      min_instances: 0,
      max_instances: 1,
    });
    expect(deployment.current_release.number).toBe(1);
    expect((await replicate.deployments.get("emulator", "compat")).name).toBe("compat");
    const prediction = await replicate.deployments.predictions.create("emulator", "compat", {
      input: { text: "d" },
      wait: true,
    });
    expect(prediction.output).toBe("hello d");
    const updated = await replicate.deployments.update("emulator", "compat", { max_instances: 3 });
    expect(updated.current_release.number).toBe(2);
    expect((await replicate.deployments.list()).results.map((d) => d.name)).toContain("compat");
    expect(await replicate.deployments.delete("emulator", "compat")).toBe(true);
  });

  test("collections, hardware, account and the webhook secret", async () => {
    expect((await replicate.collections.list()).results.length).toBeGreaterThan(0);
    expect((await replicate.collections.get("text-to-image")).models?.[0]?.name).toBe("draw-png");
    expect((await replicate.hardware.list()).map((h) => h.sku)).toContain("cpu");
    expect((await replicate.accounts.current()).username).toBe("emulator");
    expect((await replicate.webhooks.default.secret.get()).key).toBe(emulator().webhooks.secret);
  });

  test("validateWebhook() accepts the emulator's webhook signatures", async () => {
    const prediction = await replicate.predictions.create({
      version: HELLO_WORLD_VERSION,
      input: { text: "signed" },
      webhook: receiver.url,
      webhook_events_filter: ["completed"],
    });
    const [hook] = await receiver.waitFor(1, (h) => h.json.id === prediction.id);
    const { key } = await replicate.webhooks.default.secret.get();
    const valid = await validateWebhook({
      id: String(hook?.headers["webhook-id"]),
      timestamp: String(hook?.headers["webhook-timestamp"]),
      signature: String(hook?.headers["webhook-signature"]),
      body: hook?.body ?? "",
      secret: key,
    });
    expect(valid).toBe(true);
  });

  test("API errors carry the status and the problem's detail", async () => {
    await expect(
      replicate.predictions.create({ version: HELLO_WORLD_VERSION, input: { text: 3 } }),
    ).rejects.toThrow(/status 422.*input\.text: Invalid type/s);
  });

  test("a 429 with Retry-After is retried by the client", async () => {
    emulator().faults.add({ method: "POST", path: "/predictions", status: 429, retryAfter: 0 });
    const prediction = await replicate.predictions.create({
      version: HELLO_WORLD_VERSION,
      input: { text: "again" },
    });
    expect(prediction.status).toBe("starting");
    const attempts = emulator().requests.filter(
      (r) => r.method === "POST" && r.path === "/v1/predictions",
    );
    expect(attempts.slice(-2).map((r) => r.status)).toEqual([429, 201]);
  });
});
