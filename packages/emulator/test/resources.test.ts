import { BUILTIN, HELLO_WORLD_VERSION } from "@replicate-ts/emulator";
import { describe, expect, test } from "vitest";
import { useEmulator } from "./helpers/emulator";
import { isTerminalStatus, pollUntil } from "./helpers/http";

interface Model {
  owner: string;
  name: string;
  url: string;
  description: string | null;
  visibility: string;
  run_count: number;
  latest_version: {
    id: string;
    openapi_schema: { components: { schemas: Record<string, Record<string, unknown>> } };
  } | null;
  default_example: { output: unknown; status: string } | null;
}
interface Page<T> {
  next: string | null;
  previous: string | null;
  results: T[];
}
interface Training {
  id: string;
  status: string;
  model: string;
  version: string;
  logs: string;
  output?: { version: string; weights: string };
  urls: { get: string; cancel: string };
}
interface Deployment {
  owner: string;
  name: string;
  current_release: {
    number: number;
    model: string;
    version: string;
    configuration: Record<string, unknown>;
  };
}

describe("built-in model names and version ids", () => {
  test("stay as the README documents them", () => {
    expect(BUILTIN).toEqual({
      helloWorld: {
        model: "replicate/hello-world",
        version: "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa",
      },
      streamText: {
        model: "replicate-ts/stream-text",
        version: "f244accb8e5996f570b2e684f9b7d1d05e10ac4df0af9f613a3251586b24a7a0",
      },
      drawPng: {
        model: "replicate-ts/draw-png",
        version: "b20fd5a3021969545ed2017b3e33db0d84a22813f6757ae84c2175cb091a2efd",
      },
      slow: {
        model: "replicate-ts/slow",
        version: "75859e8074ea1a724aa4177847558d3b8750b25f72d3960c3b02204ca22ef5ac",
      },
      fail: {
        model: "replicate-ts/fail",
        version: "304abc61bafd97a93533e60fc5b41931a79c020ec9756fc28cb20b5c7e1a1089",
      },
      trainable: {
        model: "replicate-ts/trainable",
        version: "4ecb5f1405c3637c4cd3280c9edeb78435c5feaabf40655c1fd82ea44eab6406",
      },
    });
  });
});

describe("models", () => {
  const { api } = useEmulator();

  test("models.get returns the latest version with its Cog schema and a default example", async () => {
    const response = await api()<Model>("GET", "/models/replicate/hello-world");
    expect(response.status).toBe(200);
    expect(response.body.url).toBe("https://replicate.com/replicate/hello-world");
    expect(response.body.latest_version?.id).toBe(HELLO_WORLD_VERSION);
    const input = response.body.latest_version?.openapi_schema.components.schemas.Input;
    expect(input?.required).toEqual(["text"]);
    expect(response.body.default_example).toMatchObject({
      status: "succeeded",
      output: "hello Alice",
    });
  });

  test("the streaming model's output schema says iterator / concatenate", async () => {
    const model = await api()<Model>("GET", "/models/replicate-ts/stream-text");
    expect(model.body.latest_version?.openapi_schema.components.schemas.Output).toMatchObject({
      type: "array",
      items: { type: "string" },
      "x-cog-array-type": "iterator",
      "x-cog-array-display": "concatenate",
    });
  });

  test("an unknown model is a 404", async () => {
    expect((await api()("GET", "/models/nobody/nothing")).status).toBe(404);
  });

  test("models.list lists the built-in models and sorts as asked", async () => {
    const list = await api()<Page<Model>>(
      "GET",
      "/models?sort_by=model_created_at&sort_direction=asc",
    );
    const names = list.body.results.map((m) => `${m.owner}/${m.name}`);
    expect(names[0]).toBe("replicate/hello-world");
    for (const { model } of Object.values(BUILTIN)) expect(names).toContain(model);
    const desc = await api()<Page<Model>>(
      "GET",
      "/models?sort_by=model_created_at&sort_direction=desc",
    );
    expect(desc.body.results.at(-1)?.name).toBe("hello-world");
  });

  test("QUERY /models searches by text, also when the query arrives JSON-encoded", async () => {
    for (const rawBody of ["hello", '"hello"']) {
      const response = await api()<Page<Model>>("QUERY", "/models", {
        rawBody,
        headers: { "content-type": "text/plain" },
      });
      expect(response.status).toBe(200);
      expect(response.body.results[0]?.name).toBe("hello-world");
    }
  });

  test("models.create makes a model under the account; the rules of the API apply", async () => {
    const created = await api()<Model>("POST", "/models", {
      body: {
        owner: "emulator",
        name: "my-model",
        visibility: "private",
        hardware: "cpu",
        description: "Mine",
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      owner: "emulator",
      name: "my-model",
      latest_version: null,
      run_count: 0,
    });
    const duplicate = await api()("POST", "/models", {
      body: { owner: "emulator", name: "my-model", visibility: "private", hardware: "cpu" },
    });
    expect(duplicate.status).toBe(409);
    const foreign = await api()("POST", "/models", {
      body: { owner: "someone-else", name: "x", visibility: "public", hardware: "cpu" },
    });
    expect(foreign.status).toBe(403);
    const badHardware = await api()<{ detail: string }>("POST", "/models", {
      body: { owner: "emulator", name: "y", visibility: "public", hardware: "quantum" },
    });
    expect(badHardware.status).toBe(422);
    expect(badHardware.body.detail).toContain("hardware");
  });

  test("models.update changes metadata and the README of an owned model only", async () => {
    await api()("POST", "/models", {
      body: { owner: "emulator", name: "editable", visibility: "public", hardware: "cpu" },
    });
    expect((await api()("GET", "/models/emulator/editable/readme")).status).toBe(404);
    const updated = await api()<Model>("PATCH", "/models/emulator/editable", {
      body: { description: "Now described", readme: "# Editable\n" },
    });
    expect(updated.body.description).toBe("Now described");
    const readme = await api()("GET", "/models/emulator/editable/readme");
    expect(readme.headers.get("content-type")).toContain("text/plain");
    expect(readme.text).toBe("# Editable\n");
    expect(
      (await api()("PATCH", "/models/replicate/hello-world", { body: { description: "mine now" } }))
        .status,
    ).toBe(403);
  });

  test("models.delete removes a private model without versions; public ones are refused", async () => {
    await api()("POST", "/models", {
      body: { owner: "emulator", name: "doomed", visibility: "private", hardware: "cpu" },
    });
    expect((await api()("DELETE", "/models/emulator/doomed")).status).toBe(204);
    expect((await api()("GET", "/models/emulator/doomed")).status).toBe(404);
    await api()("POST", "/models", {
      body: { owner: "emulator", name: "public-one", visibility: "public", hardware: "cpu" },
    });
    expect((await api()("DELETE", "/models/emulator/public-one")).status).toBe(409);
    expect((await api()("DELETE", "/models/replicate/hello-world")).status).toBe(403);
  });

  test("examples and README of a built-in model", async () => {
    const examples = await api()<Page<{ output: unknown }>>(
      "GET",
      "/models/replicate/hello-world/examples",
    );
    expect(examples.body.results.map((p) => p.output)).toEqual(["hello Alice"]);
    const readme = await api()("GET", "/models/replicate-ts/slow/readme");
    expect(readme.text).toContain("# slow");
  });
});

describe("versions", () => {
  const { api } = useEmulator();

  test("lists and gets versions; an unknown or foreign version is a 404", async () => {
    const list = await api()<Page<{ id: string }>>("GET", "/models/replicate/hello-world/versions");
    expect(list.body.results.map((v) => v.id)).toEqual([HELLO_WORLD_VERSION]);
    const version = await api()<{ id: string; cog_version: string }>(
      "GET",
      `/models/replicate/hello-world/versions/${HELLO_WORLD_VERSION}`,
    );
    expect(version.body).toMatchObject({ id: HELLO_WORLD_VERSION, cog_version: "0.3.0" });
    expect(
      (await api()("GET", `/models/replicate-ts/slow/versions/${HELLO_WORLD_VERSION}`)).status,
    ).toBe(404);
    expect((await api()("GET", "/models/replicate/hello-world/versions/abc")).status).toBe(404);
  });

  test("a version of someone else's model cannot be deleted", async () => {
    expect(
      (await api()("DELETE", `/models/replicate/hello-world/versions/${HELLO_WORLD_VERSION}`))
        .status,
    ).toBe(403);
  });
});

describe("collections, account, hardware, search", () => {
  const { api } = useEmulator();

  test("collections list and get", async () => {
    const list = await api()<Page<{ slug: string; name: string; description: string }>>(
      "GET",
      "/collections",
    );
    expect(list.body.results.map((c) => c.slug)).toContain("text-to-image");
    const collection = await api()<{ models: Model[] }>("GET", "/collections/text-to-image");
    expect(collection.body.models.map((m) => m.name)).toEqual(["draw-png"]);
    expect((await api()("GET", "/collections/nope")).status).toBe(404);
  });

  test("account and hardware", async () => {
    expect((await api()("GET", "/account")).body).toMatchObject({
      type: "user",
      username: "emulator",
    });
    const hardware = await api()<{ sku: string; name: string }[]>("GET", "/hardware");
    expect(hardware.body.map((h) => h.sku)).toContain("cpu");
  });

  test("search finds models with metadata, collections and docs pages", async () => {
    const response = await api()<{
      query: string;
      models: { model: Model; metadata: { score: number; tags: string[] } }[];
      collections: { slug: string; models: string[] }[];
      pages: { href: string }[];
    }>("GET", "/search?query=streaming&limit=5");
    expect(response.body.query).toBe("streaming");
    expect(response.body.models[0]?.model.name).toBe("stream-text");
    expect(response.body.models[0]?.metadata.tags).toContain("streaming");
    expect(response.body.collections.map((c) => c.slug)).toContain("streaming-language-models");
    expect(response.body.pages.map((p) => p.href)).toContain("/docs/topics/predictions/streaming");
  });

  test("search without a query is a 400 naming it", async () => {
    const response = await api()<{ detail: string }>("GET", "/search");
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain("query");
  });
});

describe("deployments", () => {
  const { api } = useEmulator();

  test("create, get, list, update, predict through, delete", async () => {
    const created = await api()<Deployment>("POST", "/deployments", {
      body: {
        name: "greeter",
        model: "replicate/hello-world",
        version: HELLO_WORLD_VERSION,
        hardware: "cpu",
        min_instances: 0,
        max_instances: 2,
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      owner: "emulator",
      name: "greeter",
      current_release: { number: 1 },
    });
    expect((await api()<Deployment>("GET", "/deployments/emulator/greeter")).body.name).toBe(
      "greeter",
    );
    expect(
      (await api()<Page<Deployment>>("GET", "/deployments")).body.results.map((d) => d.name),
    ).toContain("greeter");

    const updated = await api()<Deployment>("PATCH", "/deployments/emulator/greeter", {
      body: { max_instances: 5 },
    });
    expect(updated.body.current_release).toMatchObject({
      number: 2,
      configuration: { max_instances: 5, min_instances: 0 },
    });

    const prediction = await api()<{ output: string; deployment: string }>(
      "POST",
      "/deployments/emulator/greeter/predictions",
      { headers: { prefer: "wait" }, body: { input: { text: "deployed" } } },
    );
    expect(prediction.status).toBe(201);
    expect(prediction.body).toMatchObject({
      output: "hello deployed",
      deployment: "emulator/greeter",
    });

    expect((await api()("DELETE", "/deployments/emulator/greeter")).status).toBe(204);
    expect((await api()("GET", "/deployments/emulator/greeter")).status).toBe(404);
  });

  test("a deployment needs a version of its model, and a free name", async () => {
    const base = {
      name: "d2",
      model: "replicate/hello-world",
      hardware: "cpu",
      min_instances: 0,
      max_instances: 1,
    };
    const wrong = await api()<{ detail: string }>("POST", "/deployments", {
      body: { ...base, version: BUILTIN.slow.version },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.detail).toContain("version");
    expect(
      (await api()("POST", "/deployments", { body: { ...base, version: HELLO_WORLD_VERSION } }))
        .status,
    ).toBe(200);
    expect(
      (await api()("POST", "/deployments", { body: { ...base, version: HELLO_WORLD_VERSION } }))
        .status,
    ).toBe(409);
    const tooMany = await api()<{ detail: string }>("POST", "/deployments", {
      body: { ...base, name: "d3", version: HELLO_WORLD_VERSION, max_instances: 50 },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.detail).toContain("max_instances");
  });
});

describe("a deployment moved to a trained version", () => {
  const { api } = useEmulator();
  const trainPath = `/models/replicate-ts/trainable/versions/${BUILTIN.trainable.version}/trainings`;

  /** Trains replicate-ts/trainable into emulator/greetings; returns the new version id. */
  async function train(greeting: string): Promise<string> {
    const created = await api()<Training>("POST", trainPath, {
      body: { destination: "emulator/greetings", input: { greeting, steps: 1 } },
    });
    const done = await pollUntil<Training>(api(), `/trainings/${created.body.id}`, (t) =>
      isTerminalStatus(t.status),
    );
    expect(done.status).toBe("succeeded");
    return (done.output?.version ?? "").split(":")[1] ?? "";
  }

  test("PATCH to a new version routes new predictions to it; versions stay newest first", async () => {
    await api()("POST", "/models", {
      body: { owner: "emulator", name: "greetings", visibility: "private", hardware: "cpu" },
    });
    const hola = await train("hola");
    const salut = await train("salut");
    const versions = await api()<Page<{ id: string }>>(
      "GET",
      "/models/emulator/greetings/versions",
    );
    expect(versions.body.results.map((v) => v.id)).toEqual([salut, hola]);
    expect((await api()<Model>("GET", "/models/emulator/greetings")).body.latest_version?.id).toBe(
      salut,
    );

    await api()("POST", "/deployments", {
      body: {
        name: "greetings",
        model: "emulator/greetings",
        version: hola,
        hardware: "cpu",
        min_instances: 0,
        max_instances: 1,
      },
    });
    const predict = () =>
      api()<{ output: string; version: string }>(
        "POST",
        "/deployments/emulator/greetings/predictions",
        { headers: { prefer: "wait" }, body: { input: { text: "Ada" } } },
      );
    expect((await predict()).body).toMatchObject({ output: "hola Ada", version: hola });

    const patched = await api()<Deployment>("PATCH", "/deployments/emulator/greetings", {
      body: { version: salut },
    });
    expect(patched.body.current_release).toMatchObject({ number: 2, version: salut });
    expect((await predict()).body).toMatchObject({ output: "salut Ada", version: salut });

    // The version in use cannot go; once the deployment moves back, it can, and `latest` follows.
    const inUse = await api()("DELETE", `/models/emulator/greetings/versions/${salut}`);
    expect(inUse.status).toBe(409);
    await api()("PATCH", "/deployments/emulator/greetings", { body: { version: hola } });
    expect((await api()("DELETE", `/models/emulator/greetings/versions/${salut}`)).status).toBe(
      202,
    );
    expect((await api()<Model>("GET", "/models/emulator/greetings")).body.latest_version?.id).toBe(
      hola,
    );
  });
});

describe("trainings", () => {
  const { api } = useEmulator();
  const trainPath = `/models/replicate-ts/trainable/versions/${BUILTIN.trainable.version}/trainings`;

  test("a training succeeds and pushes a new version to the destination, which then runs", async () => {
    await api()("POST", "/models", {
      body: { owner: "emulator", name: "greeter", visibility: "private", hardware: "cpu" },
    });
    const created = await api()<Training>("POST", trainPath, {
      body: { destination: "emulator/greeter", input: { greeting: "hola", steps: 30 } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "starting",
      model: "replicate-ts/trainable",
      version: BUILTIN.trainable.version,
    });
    const done = await pollUntil<Training>(api(), `/trainings/${created.body.id}`, (t) =>
      isTerminalStatus(t.status),
    );
    expect(done.status).toBe("succeeded");
    expect(done.logs).toContain("30/30");
    const [destination, versionId] = (done.output?.version ?? "").split(":");
    expect(destination).toBe("emulator/greeter");
    const model = await api()<Model>("GET", "/models/emulator/greeter");
    expect(model.body.latest_version?.id).toBe(versionId);
    expect(await (await fetch(done.output?.weights ?? "")).json()).toEqual({
      greeting: "hola",
      steps: 30,
    });

    const prediction = await api()<{ output: string }>("POST", "/predictions", {
      headers: { prefer: "wait" },
      body: { version: done.output?.version, input: { text: "mundo" } },
    });
    expect(prediction.body.output).toBe("hola mundo");

    const list = await api()<Page<Training>>("GET", "/trainings");
    expect(list.body.results[0]?.id).toBe(created.body.id);
    const versions = await api()<Page<{ id: string }>>("GET", "/models/emulator/greeter/versions");
    expect(versions.body.results.map((v) => v.id)).toEqual([versionId]);
    expect((await api()("DELETE", "/models/emulator/greeter")).status).toBe(409);
    expect((await api()("DELETE", `/models/emulator/greeter/versions/${versionId}`)).status).toBe(
      202,
    );
    expect((await api()("DELETE", "/models/emulator/greeter")).status).toBe(204);
  });

  test("training input is validated against the version's TrainingInput", async () => {
    await api()("POST", "/models", {
      body: { owner: "emulator", name: "target", visibility: "private", hardware: "cpu" },
    });
    const response = await api()<{ detail: string }>("POST", trainPath, {
      body: { destination: "emulator/target", input: { steps: 3 } },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toBe("- input: greeting is required");
  });

  test("the destination must exist and be the account's; the version must be trainable", async () => {
    const missing = await api()<{ detail: string }>("POST", trainPath, {
      body: { destination: "emulator/nowhere", input: { greeting: "hi" } },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.detail).toContain("destination");
    const foreign = await api()("POST", trainPath, {
      body: { destination: "replicate/hello-world", input: { greeting: "hi" } },
    });
    expect(foreign.status).toBe(403);
    const untrainable = await api()(
      "POST",
      `/models/replicate/hello-world/versions/${HELLO_WORLD_VERSION}/trainings`,
      {
        body: { destination: "emulator/target", input: {} },
      },
    );
    expect(untrainable.status).toBe(422);
  });

  test("a training can be canceled; an unknown one is a 404", async () => {
    await api()("POST", "/models", {
      body: { owner: "emulator", name: "slow-target", visibility: "private", hardware: "cpu" },
    });
    const created = await api()<Training>("POST", trainPath, {
      body: { destination: "emulator/slow-target", input: { greeting: "hey", steps: 10000 } },
    });
    const canceled = await api()<Training>("POST", `/trainings/${created.body.id}/cancel`);
    expect(canceled.body.status).toBe("canceled");
    expect(canceled.body.output).toBeUndefined();
    expect((await api()("GET", "/trainings/nope")).status).toBe(404);
    expect((await api()("POST", "/trainings/nope/cancel")).status).toBe(404);
  });
});
