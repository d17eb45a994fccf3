import { readFileSync } from "node:fs";
import Replicate, {
  InvalidArgumentError,
  MissingApiKeyError,
  MissingApiKeyException,
  ReplicateError,
  ReplicateException,
  VERSION,
} from "replicate-ts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./support/loopback-server";
import { predictionWire } from "./support/predictions";

const TOKEN = "r8_client_test_token";

describe("new Replicate()", () => {
  let server: LoopbackServer;
  beforeEach(async () => {
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, predictionWire(server.origin)),
    );
  });
  afterEach(() => server.close());

  it("sends the token as a Bearer Authorization header and a User-Agent naming the package", async () => {
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    await replicate.predictions.get({ id: "p1" });
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers["user-agent"]).toBe(`replicate-ts/${VERSION}`);
    expect(request?.url).toBe("/v1/predictions/p1");
  });

  it("uses a custom userAgent when given", async () => {
    const replicate = new Replicate({
      auth: TOKEN,
      baseUrl: server.baseUrl,
      userAgent: "my-app/2",
    });
    await replicate.predictions.get({ id: "p1" });
    expect(server.requests[0]?.headers["user-agent"]).toBe("my-app/2");
  });

  it("merges per-call headers", async () => {
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    await replicate.predictions.get({ id: "p1" }, { headers: { "X-Trace": "abc" } });
    expect(server.requests[0]?.headers["x-trace"]).toBe("abc");
  });

  it("percent-encodes path parameters so that they cannot add path segments", async () => {
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    await replicate.predictions.get({ id: "a?b#c" });
    expect(server.requests[0]?.url).toBe("/v1/predictions/a%3Fb%23c");
  });

  it("reads REPLICATE_API_TOKEN and REPLICATE_BASE_URL when no options are given", async () => {
    const saved = { token: process.env.REPLICATE_API_TOKEN, base: process.env.REPLICATE_BASE_URL };
    process.env.REPLICATE_API_TOKEN = "r8_from_env";
    process.env.REPLICATE_BASE_URL = server.baseUrl;
    try {
      const replicate = new Replicate();
      expect(replicate.baseUrl).toBe(server.baseUrl);
      await replicate.predictions.get({ id: "p1" });
      expect(server.requests[0]?.headers.authorization).toBe("Bearer r8_from_env");
    } finally {
      restoreEnv("REPLICATE_API_TOKEN", saved.token);
      restoreEnv("REPLICATE_BASE_URL", saved.base);
    }
  });

  it("defaults to the public API base URL", () => {
    const saved = process.env.REPLICATE_BASE_URL;
    delete process.env.REPLICATE_BASE_URL;
    try {
      expect(new Replicate({ auth: TOKEN }).baseUrl).toBe("https://api.replicate.com/v1");
    } finally {
      restoreEnv("REPLICATE_BASE_URL", saved);
    }
  });

  it("refuses to call api.replicate.com without a token, before sending anything", async () => {
    let calls = 0;
    const replicate = new Replicate({
      auth: "",
      baseUrl: "https://api.replicate.com/v1",
      fetch: async () => {
        calls++;
        return new Response("{}");
      },
    });
    const saved = process.env.REPLICATE_API_TOKEN;
    delete process.env.REPLICATE_API_TOKEN;
    try {
      await expect(replicate.predictions.get({ id: "p1" })).rejects.toBeInstanceOf(
        MissingApiKeyError,
      );
      expect(calls).toBe(0);
    } finally {
      restoreEnv("REPLICATE_API_TOKEN", saved);
    }
  });

  it.each([
    [{ baseUrl: "not a url" }, /baseUrl must be an http\(s\) URL/],
    [{ baseUrl: "ftp://example.com" }, /baseUrl must be an http\(s\) URL/],
    [{ timeout: -1 }, /timeout must be a positive number/],
    [{ maxRetries: 1.5 }, /maxRetries must be a whole number/],
    [{ pollingInterval: 0 }, /pollingInterval must be a positive number/],
    [{ logLevel: "loud" }, /logLevel must be debug, info, warn, error or off/],
    [{ fetch: "nope" }, /fetch must be a function/],
  ])("rejects bad option %o with a clear InvalidArgumentError", (options, message) => {
    expect(() => new Replicate({ auth: TOKEN, ...(options as object) })).toThrow(message);
    expect(() => new Replicate({ auth: TOKEN, ...(options as object) })).toThrow(
      InvalidArgumentError,
    );
  });

  it("keeps the token out of JSON.stringify and util.inspect", async () => {
    const { inspect } = await import("node:util");
    const replicate = new Replicate({ auth: TOKEN, baseUrl: server.baseUrl });
    expect(JSON.stringify(replicate)).not.toContain(TOKEN);
    expect(inspect(replicate, { depth: 10, showHidden: true })).not.toContain(TOKEN);
  });

  it("creates each resource once: models.predictions and deployments.predictions stay the same object", () => {
    const replicate = new Replicate({ auth: "r8_x", baseUrl: "http://127.0.0.1:9/v1" });
    expect(replicate.models.predictions).toBe(replicate.models.predictions);
    expect(replicate.deployments.predictions).toBe(replicate.deployments.predictions);
  });

  it("has a VERSION equal to package.json's", () => {
    const manifest = JSON.parse(
      readFileSync(new URL("../package.json", import.meta.url), "utf8"),
    ) as { version: string };
    expect(VERSION).toBe(manifest.version);
  });
});

describe("seed style: Replicate.apiKey and Replicate.instance", () => {
  let server: LoopbackServer;
  let savedToken: string | undefined;
  beforeEach(async () => {
    savedToken = process.env.REPLICATE_API_TOKEN;
    delete process.env.REPLICATE_API_TOKEN;
    Replicate.apiKey = undefined;
    server = await startLoopbackServer((_request, response) =>
      sendJson(response, 200, predictionWire(server.origin)),
    );
    Replicate.configure({ baseUrl: server.baseUrl });
  });
  afterEach(async () => {
    Replicate.apiKey = undefined;
    Replicate.configure({});
    restoreEnv("REPLICATE_API_TOKEN", savedToken);
    await server.close();
  });

  it("throws MissingApiKeyError, saying how to set a key, when no key is set anywhere", () => {
    expect(() => Replicate.instance).toThrow(MissingApiKeyError);
    expect(() => Replicate.instance).toThrow(/Replicate\.apiKey.*REPLICATE_API_TOKEN/);
    expect(MissingApiKeyException).toBe(MissingApiKeyError);
    expect(ReplicateException).toBe(ReplicateError);
  });

  it("configures the shared instance from Replicate.apiKey", async () => {
    Replicate.apiKey = "r8_seed_key";
    const prediction = await Replicate.instance.predictions.get({ id: "p1" });
    expect(prediction.id).toBe("p1");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer r8_seed_key");
    expect(Replicate.instance).toBe(Replicate.instance);
  });

  it("replaces the shared instance when the key changes", async () => {
    Replicate.apiKey = "r8_first";
    const first = Replicate.instance;
    Replicate.apiKey = "r8_second";
    expect(Replicate.instance).not.toBe(first);
    await Replicate.instance.predictions.get({ id: "p1" });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer r8_second");
  });

  it("falls back to REPLICATE_API_TOKEN", async () => {
    process.env.REPLICATE_API_TOKEN = "r8_env_seed";
    await Replicate.instance.predictions.get({ id: "p1" });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer r8_env_seed");
  });

  it("refuses an empty key with a clear error", () => {
    expect(() => {
      Replicate.apiKey = "  ";
    }).toThrow(/non-empty string/);
  });
});

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
