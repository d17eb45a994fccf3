import { BUILTIN, type RunningEmulator, startEmulator } from "@replicate-ts/emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { catalogDefinition, loadPublicCatalog } from "../src/models/public-catalog";
import { type ApiCaller, apiCaller } from "./helpers/http";
import { parseSse, readStream } from "./helpers/sse";

interface Prediction {
  id: string;
  status: string;
  output: unknown;
  urls: { stream?: string };
}

describe("the public catalogue loader", () => {
  test("says to install the package when it is missing", async () => {
    const missing = Object.assign(
      new Error("Cannot find package 'all-the-public-replicate-models'"),
      {
        code: "ERR_MODULE_NOT_FOUND",
      },
    );
    await expect(loadPublicCatalog(() => Promise.reject(missing))).rejects.toThrow(
      /install it beside the emulator \(npm install all-the-public-replicate-models\)/,
    );
  });

  test("skips entries without a version, schema or example", () => {
    expect(
      catalogDefinition({ owner: "a", name: "b", latest_version: null, default_example: null }),
    ).toBeUndefined();
  });
});

describe("catalog: public (with all-the-public-replicate-models installed)", () => {
  let emulator: RunningEmulator;
  let api: ApiCaller;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, speed: 200, catalog: "public", quiet: true });
    api = apiCaller(emulator.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await emulator?.close();
  });

  // The catalogue has no model named like a built-in one, so which wins a clash is not shown here.
  test("serves thousands of real public models beside the built-in ones", async () => {
    expect(emulator.store.models.list().length).toBeGreaterThan(3000);
    const flux = await api<{
      latest_version: { openapi_schema: { components: { schemas: Record<string, unknown> } } };
    }>("GET", "/models/black-forest-labs/flux-schnell");
    expect(flux.status).toBe(200);
    expect(Object.keys(flux.body.latest_version.openapi_schema.components.schemas)).toContain(
      "Input",
    );
    const hello = await api<{ latest_version: { id: string } }>(
      "GET",
      "/models/replicate/hello-world",
    );
    expect(hello.body.latest_version.id).toBe(BUILTIN.helloWorld.version);
  });

  test("validates inputs against the model's real schema", async () => {
    const response = await api<{ detail: string }>(
      "POST",
      "/models/black-forest-labs/flux-schnell/predictions",
      {
        body: { input: { prompt: "x", aspect_ratio: "2:7" } },
      },
    );
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain("input.aspect_ratio");
  });

  test("answers with output shaped like the default example, files served by the emulator", async () => {
    const response = await api<Prediction>(
      "POST",
      "/models/black-forest-labs/flux-schnell/predictions",
      {
        headers: { prefer: "wait" },
        body: { input: { prompt: "a fox" } },
      },
    );
    expect(response.body.status).toBe("succeeded");
    const output = response.body.output as string[];
    expect(Array.isArray(output)).toBe(true);
    expect(output[0]?.startsWith(`${emulator.url}/delivery/`)).toBe(true);
    const image = await fetch(output[0] ?? "");
    expect(image.headers.get("content-type")).toBe("image/png");
  });

  test("a model whose recorded example failed fails again, with the recorded error", async () => {
    const model = emulator.store.models
      .list()
      .find((m) => m.owner !== "replicate-ts" && m.examples[0]?.status === "failed");
    expect(model).toBeDefined();
    const example = model?.examples[0];
    const response = await api<Prediction & { error: string | null }>(
      "POST",
      `/models/${model?.owner}/${model?.name}/predictions`,
      { headers: { prefer: "wait" }, body: { input: example?.input } },
    );
    expect(response.body.status).toBe("failed");
    expect(response.body.error).toBe(example?.error);
    expect(response.body.output).toBeNull();
  });

  test("a language model from the catalogue streams its recorded tokens", async () => {
    const model = emulator.store.models
      .list()
      .find(
        (m) =>
          m.examples[0] &&
          Array.isArray(m.examples[0].output) &&
          m.owner === "meta" &&
          m.name.includes("llama"),
      );
    expect(model).toBeDefined();
    const example = model?.examples[0];
    const created = await api<Prediction>(
      "POST",
      `/models/${model?.owner}/${model?.name}/predictions`,
      {
        body: { input: example?.input },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.urls.stream).toBeDefined();
    const events = parseSse((await readStream(await fetch(created.body.urls.stream ?? ""))).text);
    const tokens = events.filter((e) => e.event === "output").map((e) => e.data);
    expect(tokens.join("")).toBe(((example?.output ?? []) as string[]).join(""));
    expect(events.at(-1)?.event).toBe("done");
  });
});
