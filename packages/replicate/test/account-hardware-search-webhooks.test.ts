import Replicate, {
  AuthenticationError,
  ReplicateAccount,
  ReplicateHardware,
  ReplicateModel,
  SearchResults,
  WebhookSecret,
} from "replicate-ts";
import { afterEach, describe, expect, it } from "vitest";
import { type OperationHandler, type SpecServer, startSpecServer } from "./support/spec-server";
import { accountWire, hardwareWire, modelWire, searchWire } from "./support/wire-fixtures";

const TOKEN = "r8_misc_token";

let server: SpecServer;
afterEach(() => server?.close());

async function clientFor(handlers: Record<string, OperationHandler>) {
  server = await startSpecServer(handlers);
  return new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
}

describe("account.get", () => {
  it("gives the token's account with camelCase fields", async () => {
    const replicate = await clientFor({
      "account.get": () => ({ status: 200, json: accountWire() }),
    });
    const account = await replicate.account.get();
    expect(server.calls[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(account).toBeInstanceOf(ReplicateAccount);
    expect(account.type).toBe("user");
    expect(account.username).toBe("alice");
    expect(account.name).toBe("Alice Liddell");
    expect(account.githubUrl).toBe("https://github.com/alice");
    expect(account.avatarUrl).toBe("https://cdn.replicate.com/avatars/alice.png");
    expect(JSON.parse(JSON.stringify(account))).toEqual(accountWire());
  });

  it("rejects with AuthenticationError on 401", async () => {
    const replicate = await clientFor({
      "account.get": () => ({
        status: 401,
        json: { title: "Unauthenticated", detail: "Invalid token.", status: 401 },
      }),
    });
    await expect(replicate.account.get()).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("hardware.list", () => {
  it("gives every hardware option as ReplicateHardware with name and sku", async () => {
    const replicate = await clientFor({
      "hardware.list": () => ({ status: 200, json: hardwareWire() }),
    });
    const hardware = await replicate.hardware.list();
    expect(hardware).toHaveLength(2);
    expect(hardware[0]).toBeInstanceOf(ReplicateHardware);
    expect(hardware.map(({ name, sku }) => ({ name, sku }))).toEqual(hardwareWire());
  });
});

describe("replicate.search", () => {
  it("sends query and limit and gives models, collections and pages", async () => {
    const replicate = await clientFor({
      search: (call, origin) => ({
        status: 200,
        json: searchWire(origin, call.query.get("query") ?? ""),
      }),
    });
    const results = await replicate.search({ query: "hello world", limit: 5 });
    expect(server.calls[0]!.query.get("query")).toBe("hello world");
    expect(server.calls[0]!.query.get("limit")).toBe("5");
    expect(results).toBeInstanceOf(SearchResults);
    expect(results.query).toBe("hello world");
    expect(results.models[0]!.model).toBeInstanceOf(ReplicateModel);
    expect(results.models[0]!.model.fullName).toBe("replicate/hello-world");
    expect(results.models[0]!.metadata).toEqual({
      generatedDescription: "Says hello to whoever you name.",
      score: 1.25,
      tags: ["text", "greeting"],
    });
    expect(results.collections).toEqual([
      {
        name: "Language models",
        slug: "language-models",
        description: "Models that read and write text.",
        models: ["replicate/hello-world"],
      },
    ]);
    expect(results.pages).toEqual([{ name: "Getting started", href: "/docs/get-started" }]);
  });

  it("leaves limit out when it is not given", async () => {
    const replicate = await clientFor({
      search: (_call, origin) => ({ status: 200, json: searchWire(origin) }),
    });
    await replicate.search({ query: "hello" });
    expect(server.calls[0]!.query.has("limit")).toBe(false);
  });
});

describe("webhooks.defaultSecret", () => {
  it("gives the signing secret as { key }", async () => {
    const replicate = await clientFor({
      "webhooks.default.secret.get": () => ({
        status: 200,
        json: { key: "whsec_c2VjcmV0LXNpZ25pbmcta2V5" },
      }),
    });
    const secret = await replicate.webhooks.defaultSecret();
    expect(server.calls[0]!.url).toBe("/v1/webhooks/default/secret");
    expect(secret).toBeInstanceOf(WebhookSecret);
    expect(secret.key).toBe("whsec_c2VjcmV0LXNpZ25pbmcta2V5");
    expect(JSON.stringify(secret)).toBe('{"key":"whsec_c2VjcmV0LXNpZ25pbmcta2V5"}');
  });
});

describe("replicate.request", () => {
  it("sends any method, path, query and JSON body with the client's auth", async () => {
    const replicate = await clientFor({
      "models.update": (call, origin) => ({
        status: 200,
        json: modelWire(origin, {
          description: (call.json as { description: string }).description,
        }),
      }),
    });
    const answer = await replicate.request<{ description: string }>({
      method: "PATCH",
      path: "/models/alice/m",
      query: { dry_run: undefined },
      body: { description: "raw" },
    });
    const [call] = server.calls;
    expect(call!.method).toBe("PATCH");
    expect(call!.url).toBe("/v1/models/alice/m");
    expect(call!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call!.headers["content-type"]).toBe("application/json");
    expect(call!.json).toEqual({ description: "raw" });
    expect(answer.description).toBe("raw");
  });

  it("sends query parameters", async () => {
    const replicate = await clientFor({
      "models.list": () => ({ status: 200, json: { results: [], next: null, previous: null } }),
    });
    await replicate.request({ method: "GET", path: "/models", query: { sort_direction: "asc" } });
    expect(server.calls[0]!.url).toBe("/v1/models?sort_direction=asc");
  });

  it("retries an idempotent GET on 503 like every other call", async () => {
    let attempts = 0;
    const replicate = await clientFor({
      "account.get": () =>
        attempts++ === 0
          ? { status: 503, json: { detail: "busy" }, headers: { "retry-after": "0" } }
          : { status: 200, json: accountWire() },
    });
    await expect(replicate.request({ method: "GET", path: "/account" })).resolves.toMatchObject({
      username: "alice",
    });
    expect(server.requests).toHaveLength(2);
  });

  it("maps errors like every other call", async () => {
    const replicate = await clientFor({});
    await expect(replicate.request({ method: "GET", path: "/nowhere" })).rejects.toThrow(
      /GET \/v1\/nowhere failed with 404/,
    );
  });

  it("refuses a path that is not under the base URL, before sending", async () => {
    const replicate = await clientFor({});
    await expect(
      replicate.request({ method: "GET", path: "https://elsewhere.test/steal" }),
    ).rejects.toThrow(/path under the base URL/);
    expect(server.requests).toHaveLength(0);
  });
});

describe("the wrappers", () => {
  it("ReplicateModel treats null fields as absent", () => {
    const model = new ReplicateModel({
      owner: "a",
      name: "b",
      description: null,
      latest_version: null,
      default_example: null,
    });
    expect(model.description).toBeUndefined();
    expect(model.latestVersion).toBeUndefined();
    expect(model.defaultExample).toBeUndefined();
    expect(model.isOfficial).toBe(false);
  });
});
