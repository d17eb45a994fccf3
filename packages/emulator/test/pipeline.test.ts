import { readFileSync } from "node:fs";
import { BUILTIN, startEmulator } from "@replicate-ts/emulator";
import { describe, expect, test } from "vitest";
import { useEmulator } from "./helpers/emulator";
import { apiCaller, TOKEN } from "./helpers/http";

type Problem = {
  title: string;
  detail: string;
  status: number;
  invalid_fields?: { field: string }[];
};

describe("auth comes first", () => {
  const { api } = useEmulator();

  test("a request without Authorization gets 401 in the problem shape", async () => {
    const response = await api()<Problem>("GET", "/predictions", { anonymous: true });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.body).toEqual({
      title: "Unauthenticated",
      detail: "You did not pass an authentication token",
      status: 401,
    });
  });

  test("an unknown route without a token is still a 401, not a 404", async () => {
    const response = await api()("GET", "/no-such-thing", { anonymous: true });
    expect(response.status).toBe(401);
  });

  test("a malformed Authorization header is a 401", async () => {
    const response = await api()<Problem>("GET", "/account", {
      headers: { authorization: "Basic abc" },
    });
    expect(response.status).toBe(401);
    expect(response.body.detail).toBe("You did not pass a valid authentication token");
  });

  test("the older `Token <token>` scheme is accepted", async () => {
    const response = await api()("GET", "/account", {
      headers: { authorization: `Token ${TOKEN}` },
    });
    expect(response.status).toBe(200);
  });

  test("GET /search needs no token, as the spec's `security: []` says", async () => {
    const response = await api()("GET", "/search?query=hello", { anonymous: true });
    expect(response.status).toBe(200);
  });
});

describe("a token list", () => {
  test("only listed tokens pass", async () => {
    const emulator = await startEmulator({ port: 0, tokens: ["r8_good"], quiet: true });
    try {
      expect((await apiCaller(emulator.baseUrl, "r8_good")("GET", "/account")).status).toBe(200);
      expect((await apiCaller(emulator.baseUrl, "r8_bad")("GET", "/account")).status).toBe(401);
    } finally {
      await emulator.close();
    }
  });
});

describe("the control endpoints with a token list", () => {
  test("need one of the tokens too, and never answer with CORS headers", async () => {
    const emulator = await startEmulator({ port: 0, tokens: ["r8_good"], quiet: true });
    try {
      const control = `${emulator.url}/_emulator`;
      const anonymous = await fetch(`${control}/requests`);
      expect(anonymous.status).toBe(401);
      const wrong = await fetch(`${control}/reset`, {
        method: "POST",
        headers: { authorization: "Bearer r8_bad" },
      });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${control}/requests`, {
        headers: { authorization: "Bearer r8_good", origin: "http://app.test" },
      });
      expect(right.status).toBe(200);
      expect(right.headers.get("access-control-allow-origin")).toBeNull();
      const preflight = await fetch(`${control}/reset`, {
        method: "OPTIONS",
        headers: { origin: "http://app.test", "access-control-request-method": "POST" },
      });
      expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
      // The API itself still has CORS.
      const api = await fetch(`${emulator.baseUrl}/account`, {
        headers: { authorization: "Bearer r8_good", origin: "http://app.test" },
      });
      expect(api.headers.get("access-control-allow-origin")).toBe("*");
    } finally {
      await emulator.close();
    }
  });
});

describe("routing", () => {
  const { api } = useEmulator();

  test("an unknown route is a 404 problem", async () => {
    const response = await api()<Problem>("GET", "/no-such-thing");
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ title: "Not found", status: 404 });
  });

  test("percent-encoded path parameters are decoded once, and malformed escapes are a 404", async () => {
    const model = await api()<{ name: string }>("GET", "/models/replicate/hello%2Dworld");
    expect(model.status).toBe(200);
    expect(model.body.name).toBe("hello-world");
    const collection = await api()("GET", "/collections/text%2Dto%2Dimage");
    expect(collection.status).toBe(200);
    // `%25zz` is the id `%zz`, not an escape to decode again; `%ff%fe` is not UTF-8.
    for (const id of ["%25zz", "%ff%fe", "%2525"]) {
      const response = await api()<Problem>("GET", `/predictions/${id}`);
      expect(response.status).toBe(404);
      expect(response.body.detail).toBe("Prediction not found.");
    }
    expect((await api()("GET", "/models/a%25zz/b")).status).toBe(404);
  });

  test("a known path with the wrong method is a 405 naming the allowed methods", async () => {
    const response = await api()<Problem>("PUT", "/predictions");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
  });
});

describe("validation", () => {
  const { api } = useEmulator();

  test("a body missing a required field is a 422 naming the field", async () => {
    const response = await api()<Problem>("POST", "/predictions", {
      body: { input: { text: "x" } },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain("version is required");
  });

  test("a missing top-level property is named as the field, not (root)", async () => {
    const response = await api()<Problem>("POST", "/predictions", { body: {} });
    expect(response.status).toBe(422);
    expect(response.body.invalid_fields).toEqual(
      expect.arrayContaining([
        { type: "required", field: "version", description: "version is required" },
        { type: "required", field: "input", description: "input is required" },
      ]),
    );
    expect(response.body.detail).toContain("- input: input is required");
    expect(response.body.detail).not.toContain("(root)");
  });

  test("an empty body on each create endpoint is a 422 naming input", async () => {
    await api()("POST", "/models", {
      body: { owner: "emulator", name: "empty-body", visibility: "private", hardware: "cpu" },
    });
    await api()("POST", "/deployments", {
      body: {
        name: "empty-body",
        model: "replicate/hello-world",
        version: BUILTIN.helloWorld.version,
        hardware: "cpu",
        min_instances: 0,
        max_instances: 1,
      },
    });
    const paths = [
      "/predictions",
      "/models/replicate/hello-world/predictions",
      "/deployments/emulator/empty-body/predictions",
      `/models/replicate-ts/trainable/versions/${BUILTIN.trainable.version}/trainings`,
    ];
    for (const path of paths) {
      const noBody = {};
      const emptyJson = { rawBody: "", headers: { "content-type": "application/json" } };
      for (const options of [noBody, emptyJson]) {
        const response = await api()<Problem>("POST", path, options);
        expect(response.status, path).toBe(422);
        expect(response.body.invalid_fields?.map((f) => f.field)).toContain("input");
      }
    }
  });

  test("a field of the wrong type is a 422 naming the field", async () => {
    const response = await api()<Problem>("POST", "/predictions", {
      body: { version: BUILTIN.helloWorld.version, input: "not an object" },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain(
      "- input: Invalid type. Expected: object, given: string",
    );
  });

  test("an unknown body field is refused where the spec forbids extra properties", async () => {
    const response = await api()<Problem>("POST", "/predictions", {
      body: { version: BUILTIN.helloWorld.version, input: { text: "x" }, colour: "red" },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain("colour");
  });

  test("a query parameter outside its enum is a 400 naming it", async () => {
    const response = await api()<Problem>("GET", "/models?sort_direction=sideways");
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain("sort_direction");
  });

  test("a Prefer header that breaks the spec's pattern is a 400", async () => {
    const response = await api()<Problem>("POST", "/predictions", {
      headers: { prefer: "wait=500" },
      body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
    });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain("Prefer");
  });

  test("a model input of the wrong type is a 422 naming input.<field>", async () => {
    const response = await api()<Problem>("POST", "/predictions", {
      body: { version: BUILTIN.helloWorld.version, input: { text: 42 } },
    });
    expect(response.status).toBe(422);
    expect(response.body.title).toBe("Input validation failed");
    expect(response.body.detail).toBe(
      "- input.text: Invalid type. Expected: string, given: integer",
    );
    expect(response.body.invalid_fields?.[0]?.field).toBe("input.text");
  });

  test("a missing required model input is a 422 saying which", async () => {
    const response = await api()<Problem>("POST", "/predictions", {
      body: { version: BUILTIN.helloWorld.version, input: {} },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toBe("- input: text is required");
  });

  test("a value outside a model input's enumeration is a 422 listing the allowed values", async () => {
    const response = await api()<Problem>("POST", "/predictions", {
      body: { version: BUILTIN.drawPng.version, input: { prompt: "x", palette: "neon" } },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain(
      '- input.palette: palette must be one of the following: "warm", "cool", "mono"',
    );
  });

  test("a value outside a model input's range is a 422", async () => {
    const response = await api()<Problem>("POST", "/predictions", {
      body: { version: BUILTIN.drawPng.version, input: { prompt: "x", width: 5000 } },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain("- input.width: Must be less than or equal to 1024");
  });

  test("defaults from the model's schema are applied to the input", async () => {
    const response = await api()<{ input: Record<string, unknown> }>("POST", "/predictions", {
      body: { version: BUILTIN.drawPng.version, input: { prompt: "x" } },
    });
    expect(response.status).toBe(201);
    expect(response.body.input).toMatchObject({
      prompt: "x",
      width: 256,
      height: 256,
      palette: "warm",
      num_outputs: 1,
    });
  });

  test("an unknown version is a 422 in the API's words", async () => {
    const response = await api()<Problem>("POST", "/predictions", {
      body: { version: "f".repeat(64), input: {} },
    });
    expect(response.status).toBe(422);
    expect(response.body.title).toBe("Invalid version or not permitted");
  });

  test("an unknown model is a 404", async () => {
    const response = await api()<Problem>("POST", "/models/nobody/nothing/predictions", {
      body: { input: {} },
    });
    expect(response.status).toBe(404);
  });
});

describe("the README's curl example", () => {
  const { emulator } = useEmulator();

  test("sends what the emulator accepts and gets hello Alice", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const command = /\$ curl (?:[^\n]*\\\n)*[^\n]*/.exec(readme)?.[0] ?? "";
    const headers: Record<string, string> = {
      // What curl sends with -d unless told otherwise.
      "content-type": "application/x-www-form-urlencoded",
    };
    for (const [, header] of command.matchAll(/-H "([^"]+)"/g)) {
      const [name = "", ...value] = (header ?? "").split(":");
      headers[name.trim().toLowerCase()] = value.join(":").trim();
    }
    const body = /-d '([^']*)'/.exec(command)?.[1];
    expect(body).toBeDefined();
    const response = await fetch(`${emulator().baseUrl}/predictions`, {
      method: "POST",
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { output: string }).output).toBe("hello Alice");
  });
});

describe("page cursors", () => {
  const { api } = useEmulator({ pageSize: 2 });

  test("a well-formed cursor the emulator did not sign is a 400 problem", async () => {
    for (let i = 0; i < 3; i++) {
      await api()("POST", "/predictions", {
        body: { version: BUILTIN.helloWorld.version, input: { text: `c${i}` } },
      });
    }
    const forged = Buffer.from(JSON.stringify({ d: "n", k: [-1] })).toString("base64url");
    const other = await startEmulator({ port: 0, quiet: true, pageSize: 1 });
    try {
      const otherApi = apiCaller(other.baseUrl);
      await otherApi("POST", "/predictions", {
        body: { version: BUILTIN.helloWorld.version, input: { text: "a" } },
      });
      await otherApi("POST", "/predictions", {
        body: { version: BUILTIN.helloWorld.version, input: { text: "b" } },
      });
      const foreignNext = (await otherApi<{ next: string }>("GET", "/predictions")).body.next;
      const foreign = new URL(foreignNext).searchParams.get("cursor") ?? "";
      const ownNext = (await api()<{ next: string }>("GET", "/models")).body.next;
      const fromModels = new URL(ownNext).searchParams.get("cursor") ?? "";
      for (const cursor of [forged, foreign, fromModels, `${fromModels.slice(0, -2)}xx`]) {
        const response = await api()<Problem>(
          "GET",
          `/predictions?cursor=${encodeURIComponent(cursor)}`,
        );
        expect(response.status, cursor).toBe(400);
        expect(response.body.title).toBe("Invalid cursor");
      }
      // The emulator's own cursor still works.
      expect((await api()("GET", ownNext)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe("robustness: bad input never breaks the server", () => {
  const { api } = useEmulator({ maxFileSize: 1024 });

  test("malformed JSON is a 400 problem", async () => {
    const response = await api()<Problem>("POST", "/predictions", {
      rawBody: '{"version": ',
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/^The request body is not valid JSON/);
  });

  test("a non-JSON content type is a 415 problem", async () => {
    const response = await api()<Problem>("POST", "/predictions", {
      rawBody: "version=abc",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(415);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  test("a JSON body over 16 MB is a 413 problem", async () => {
    const huge = JSON.stringify({
      version: BUILTIN.helloWorld.version,
      input: { text: "x".repeat(17 * 1024 * 1024) },
    });
    const response = await api()<Problem>("POST", "/predictions", {
      rawBody: huge,
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(413);
  });

  test("deeply nested JSON is a 422 naming the field, not a stack overflow", async () => {
    const deep = `${"[".repeat(4000)}${"]".repeat(4000)}`;
    const response = await api()<Problem>("POST", "/predictions", {
      rawBody: `{"version":"${BUILTIN.helloWorld.version}","input":{"text":"x","deep":${deep}}}`,
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(422);
    expect(response.body.invalid_fields?.[0]?.field).toBe("input.deep");
    expect(response.body.detail).toContain("input.deep");
  });

  test("a bad page cursor is a 400 problem", async () => {
    const response = await api()<Problem>("GET", "/predictions?cursor=definitely-not-a-cursor");
    expect(response.status).toBe(400);
    expect(response.body.title).toBe("Invalid cursor");
  });

  test("after all of that the server still answers", async () => {
    const bad = [
      api()("POST", "/predictions", {
        rawBody: "{{{",
        headers: { "content-type": "application/json" },
      }),
      api()("POST", "/files", {
        rawBody: "x".repeat(4096),
        headers: { "content-type": "multipart/form-data; boundary=zzz" },
      }),
      api()("GET", "/models?cursor=%%%"),
      api()("POST", "/predictions", {
        rawBody: "\u0000\u0001",
        headers: { "content-type": "text/plain" },
      }),
    ];
    const statuses = (await Promise.all(bad)).map((r) => r.status);
    expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
    const response = await api()<{ output: string }>("POST", "/predictions", {
      headers: { prefer: "wait" },
      body: { version: BUILTIN.helloWorld.version, input: { text: "still here" } },
    });
    expect(response.body.output).toBe("hello still here");
  });
});
