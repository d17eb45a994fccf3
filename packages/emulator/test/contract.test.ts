import { BUILTIN, HELLO_WORLD_VERSION } from "@replicate-ts/emulator";
import { describe, expect, test } from "vitest";
import { ALL_OPERATIONS, checkResponse, contractCheckingFetch } from "./helpers/contract";
import { useEmulator } from "./helpers/emulator";
import { apiCaller } from "./helpers/http";

describe("the contract oracle", () => {
  test("catches a body that breaks the spec, an undocumented status and a bad error shape", () => {
    const url = "http://x/v1/predictions/abc";
    expect(
      checkResponse("GET", url, 200, "application/json", JSON.stringify({ id: 1 })),
    ).not.toEqual([]);
    expect(checkResponse("GET", url, 201, "application/json", "{}")).not.toEqual([]);
    expect(checkResponse("GET", url, 404, "application/json", '{"detail":"x"}')).not.toEqual([]);
    expect(
      checkResponse(
        "GET",
        url,
        404,
        "application/problem+json",
        '{"title":"Not found","detail":"x","status":404}',
      ),
    ).toEqual([]);
  });
});

describe("the contract fetch", () => {
  test("counts an operation that only answered with a problem as seen, not as succeeded", async () => {
    const problem = { title: "Not found", detail: "x", status: 404 };
    const checker = contractCheckingFetch(async () =>
      Response.json(problem, {
        status: 404,
        headers: { "content-type": "application/problem+json" },
      }),
    );
    await checker.fetch("http://emulator.test/v1/account");
    expect(checker.problems).toEqual([]);
    expect([...checker.operationsSeen]).toEqual(["GET /account"]);
    expect([...checker.operationsSucceeded]).toEqual([]);
  });
});

describe("every operation answers in the spec's shapes", () => {
  const checker = contractCheckingFetch();
  const { emulator } = useEmulator({ pageSize: 2 });

  test("all 37 operations, success and error paths, match the spec", async () => {
    const api = apiCaller(emulator().baseUrl, undefined, checker.fetch);
    const wait = { prefer: "wait" };
    const upload = new FormData();
    upload.append("content", new Blob(["contract"], { type: "text/plain" }), "c.txt");

    // account, hardware, webhooks, collections
    await api("GET", "/account");
    await api("GET", "/hardware");
    await api("GET", "/webhooks/default/secret");
    const collections = await api<{ next: string }>("GET", "/collections");
    await api("GET", collections.body.next);
    await api("GET", "/collections/text-to-image");
    await api("GET", "/collections/missing");

    // models
    await api("GET", "/models");
    await api("GET", "/models?sort_by=model_created_at&sort_direction=asc");
    await api("QUERY", "/models", { rawBody: "image", headers: { "content-type": "text/plain" } });
    await api("POST", "/models", {
      body: { owner: "emulator", name: "contract", visibility: "private", hardware: "cpu" },
    });
    await api("POST", "/models", {
      body: { owner: "emulator", name: "contract", visibility: "private", hardware: "cpu" },
    });
    await api("GET", "/models/replicate/hello-world");
    await api("GET", "/models/emulator/contract");
    await api("PATCH", "/models/emulator/contract", { body: { description: "c", readme: "# c" } });
    await api("GET", "/models/emulator/contract/readme");
    await api("GET", "/models/replicate-ts/draw-png/examples");
    await api("GET", "/models/replicate-ts/draw-png/versions");
    await api("GET", `/models/replicate-ts/draw-png/versions/${BUILTIN.drawPng.version}`);
    await api("GET", "/models/nobody/nothing");

    // predictions
    await api("POST", "/predictions", {
      headers: wait,
      body: { version: HELLO_WORLD_VERSION, input: { text: "c" } },
    });
    await api("POST", "/predictions", {
      headers: { prefer: "wait=1" },
      body: { version: BUILTIN.slow.version, input: { seconds: 30 } },
    });
    await api("POST", "/predictions", {
      body: { version: BUILTIN.streamText.version, input: { prompt: "c" } },
    });
    await api("POST", "/predictions", {
      headers: wait,
      body: { version: BUILTIN.drawPng.version, input: { prompt: "c", width: 16, height: 16 } },
    });
    await api("POST", "/predictions", {
      headers: wait,
      body: { version: BUILTIN.fail.version, input: { seconds: 0 } },
    });
    await api("POST", "/predictions", {
      body: { version: HELLO_WORLD_VERSION, input: { text: 1 } },
    });
    await api("POST", "/models/replicate/hello-world/predictions", {
      headers: wait,
      body: { input: { text: "m" } },
    });
    const running = await api<{ id: string }>("POST", "/predictions", {
      headers: { "cancel-after": "1h" },
      body: { version: BUILTIN.slow.version, input: { seconds: 100 } },
    });
    await api("GET", `/predictions/${running.body.id}`);
    await api("POST", `/predictions/${running.body.id}/cancel`);
    const predictions = await api<{ next: string }>("GET", "/predictions");
    await api("GET", predictions.body.next);
    await api("GET", "/predictions/missing");

    // deployments
    const deployment = {
      name: "contract",
      model: "replicate/hello-world",
      version: HELLO_WORLD_VERSION,
      hardware: "cpu",
      min_instances: 0,
      max_instances: 1,
    };
    await api("POST", "/deployments", { body: deployment });
    await api("GET", "/deployments");
    await api("GET", "/deployments/emulator/contract");
    await api("PATCH", "/deployments/emulator/contract", { body: { min_instances: 1 } });
    await api("POST", "/deployments/emulator/contract/predictions", {
      headers: wait,
      body: { input: { text: "d" } },
    });
    await api("DELETE", "/deployments/emulator/contract");

    // files
    const file = await api<{ id: string }>("POST", "/files", { rawBody: upload });
    await api("GET", "/files");
    await api("GET", `/files/${file.body.id}`);
    await api("GET", emulator().fileDownloadUrl(file.body.id, { origin: emulator().url }));
    await api("DELETE", `/files/${file.body.id}`);
    await api("GET", `/files/${file.body.id}`);

    // trainings
    const training = await api<{ id: string }>(
      "POST",
      `/models/replicate-ts/trainable/versions/${BUILTIN.trainable.version}/trainings`,
      { body: { destination: "emulator/contract", input: { greeting: "yo", steps: 5 } } },
    );
    for (let i = 0; i < 100; i++) {
      const current = await api<{ status: string }>("GET", `/trainings/${training.body.id}`);
      if (current.body.status === "succeeded") break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await api("GET", "/trainings");
    await api("POST", `/trainings/${training.body.id}/cancel`);
    const versions = await api<{ results: { id: string }[] }>(
      "GET",
      "/models/emulator/contract/versions",
    );
    await api("DELETE", `/models/emulator/contract/versions/${versions.body.results[0]?.id}`);
    await api("DELETE", "/models/emulator/contract");

    // search
    await api("GET", "/search?query=image&limit=3");
    await api("GET", "/search");

    expect(checker.problems).toEqual([]);
    expect([...checker.operationsSeen].sort()).toEqual([...ALL_OPERATIONS].sort());
    // Each operation also succeeded once: a route answering only with problems cannot pass.
    expect([...checker.operationsSucceeded].sort()).toEqual([...ALL_OPERATIONS].sort());
    expect(ALL_OPERATIONS).toHaveLength(37);
  });
});
