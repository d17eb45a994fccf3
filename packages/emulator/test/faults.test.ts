import { BUILTIN, createEmulatorApp } from "@replicate-ts/emulator";
import { describe, expect, test } from "vitest";
import { useEmulator } from "./helpers/emulator";
import { apiCaller, TOKEN } from "./helpers/http";

describe("faults, programmatically", () => {
  const { api, emulator } = useEmulator();

  test("a status fault answers with that status and Retry-After, for `times` requests", async () => {
    const fault = emulator().faults.add({
      method: "GET",
      path: "/predictions",
      status: 429,
      retryAfter: 2,
      times: 2,
    });
    const first = await api()<{ status: number; title: string }>("GET", "/predictions");
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("2");
    expect(first.body).toMatchObject({ status: 429, title: "Too many requests" });
    expect((await api()("GET", "/predictions")).status).toBe(429);
    expect((await api()("GET", "/predictions")).status).toBe(200);
    expect(fault.hits).toBe(2);
  });

  test("a fault matches its method and path (with or without /v1, globs allowed)", async () => {
    emulator().faults.add({ method: "POST", path: "/predictions/*/cancel", status: 503 });
    expect((await api()("GET", "/predictions")).status).toBe(200);
    expect((await api()("POST", "/predictions/abc/cancel")).status).toBe(503);
    expect((await api()("POST", "/predictions/abc/cancel")).status).toBe(404);
  });

  test("a fault may answer with a custom body", async () => {
    emulator().faults.add({ path: "/v1/account", status: 500, body: { detail: "boom" } });
    const response = await api()<{ detail: string }>("GET", "/account");
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ detail: "boom" });
  });

  test("a delay fault answers normally, no earlier than the delay", async () => {
    emulator().faults.add({ path: "/account", delayMs: 150 });
    const started = Date.now();
    const response = await api()("GET", "/account");
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  test("a dropped connection makes fetch fail, and the next request works", async () => {
    emulator().faults.add({ method: "POST", path: "/predictions", dropConnection: true });
    await expect(
      api()("POST", "/predictions", {
        body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
      }),
    ).rejects.toThrow(TypeError);
    const after = await api()("POST", "/predictions", {
      body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
    });
    expect(after.status).toBe(201);
    // Both are in the request log; the dropped one has no status, since nothing was answered.
    const logged = emulator().requests.filter(
      (r) => r.method === "POST" && r.path === "/v1/predictions",
    );
    expect(logged.map((r) => r.status)).toEqual([undefined, 201]);
  });

  test("bad fault options are refused with a sentence saying what to fix", () => {
    expect(() => emulator().faults.add({ path: "predictions", status: 500 })).toThrow(
      /path.*starts with "\/"/,
    );
    expect(() => emulator().faults.add({ path: "/x", status: 99 })).toThrow(/status/);
    expect(() => emulator().faults.add({ path: "/x" })).toThrow(/status.*dropConnection.*delayMs/);
    expect(() => emulator().faults.add({ path: "/x", status: 500, afterEvents: 2 })).toThrow(
      /afterEvents/,
    );
  });

  test("faults can be listed, removed and cleared", () => {
    const a = emulator().faults.add({ path: "/a", status: 500, times: "always" });
    emulator().faults.add({ path: "/b", status: 500 });
    expect(
      emulator()
        .faults.list()
        .map((f) => f.path),
    ).toEqual(["/a", "/b"]);
    expect(emulator().faults.remove(a.id)).toBe(true);
    expect(
      emulator()
        .faults.list()
        .map((f) => f.path),
    ).toEqual(["/b"]);
    expect(emulator().faults.remove(a.id)).toBe(false);
    emulator().faults.clear();
    expect(emulator().faults.list()).toEqual([]);
  });
});

describe("a fault delay and a client that leaves", () => {
  const lines: string[] = [];
  const { emulator } = useEmulator({
    logger: { info: (line) => lines.push(line), error: (line) => lines.push(line) },
  });

  test("the delay ends when the client aborts, instead of holding the request for its length", async () => {
    emulator().faults.add({ path: "/account", delayMs: 60_000 });
    const controller = new AbortController();
    const request = fetch(`${emulator().baseUrl}/account`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: controller.signal,
    }).catch(() => "aborted");
    for (let i = 0; i < 200 && !emulator().requests.find((r) => r.path === "/v1/account"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    controller.abort();
    expect(await request).toBe("aborted");
    // The emulator finishes with the request (its log line) soon after, not after 60 s.
    for (let i = 0; i < 200 && !lines.some((l) => l.startsWith("GET /v1/account")); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(lines.find((l) => l.startsWith("GET /v1/account"))).toMatch(
      /^GET \/v1\/account dropped/,
    );
  });
});

describe("faults in process", () => {
  test("a dropped connection makes the app's fetch reject with a TypeError", async () => {
    const emulator = createEmulatorApp({ quiet: true });
    try {
      emulator.faults.add({ path: "/account", dropConnection: true });
      await expect(
        emulator.fetch("http://emulator.test/v1/account", {
          headers: { authorization: "Bearer t" },
        }),
      ).rejects.toThrow(TypeError);
      const response = await emulator.fetch("http://emulator.test/v1/account", {
        headers: { authorization: "Bearer t" },
      });
      expect(response.status).toBe(200);
    } finally {
      await emulator.close();
    }
  });
});

describe("the control endpoints", () => {
  const { api, emulator } = useEmulator();
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${emulator().url}/_emulator${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });

  test("POST /_emulator/faults adds a fault; GET lists; DELETE clears", async () => {
    const added = await control("POST", "/faults", {
      method: "GET",
      path: "/v1/hardware",
      status: 502,
      times: "always",
    });
    expect(added.status).toBe(201);
    const fault = (await added.json()) as { id: string; remaining: unknown };
    expect(fault.remaining).toBe("always");
    expect((await api()("GET", "/hardware")).status).toBe(502);
    expect((await api()("GET", "/hardware")).status).toBe(502);
    const listed = (await (await control("GET", "/faults")).json()) as { faults: { id: string }[] };
    expect(listed.faults.map((f) => f.id)).toEqual([fault.id]);
    expect((await control("DELETE", `/faults/${fault.id}`)).status).toBe(204);
    expect((await api()("GET", "/hardware")).status).toBe(200);
    await control("POST", "/faults", { path: "/v1/hardware", status: 500 });
    expect((await control("DELETE", "/faults")).status).toBe(204);
    expect((await api()("GET", "/hardware")).status).toBe(200);
  });

  test("a bad fault is a 400 problem", async () => {
    const response = await control("POST", "/faults", { path: "/x" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/status/);
  });

  test("GET /_emulator/requests shows requests with the token redacted; control calls are not logged", async () => {
    await control("DELETE", "/requests");
    await api()("POST", "/predictions?debug=1", {
      headers: { prefer: "wait=1" },
      body: { version: BUILTIN.helloWorld.version, input: { text: "logged" } },
    });
    const { requests } = (await (await control("GET", "/requests")).json()) as {
      requests: {
        method: string;
        path: string;
        query: Record<string, string>;
        headers: Record<string, string>;
        body: unknown;
        status: number;
      }[];
    };
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: "POST",
      path: "/v1/predictions",
      query: { debug: "1" },
      body: { version: BUILTIN.helloWorld.version, input: { text: "logged" } },
      status: 201,
    });
    expect(requests[0]?.headers.authorization).toBe("Bearer [redacted]");
    expect(JSON.stringify(requests)).not.toContain(TOKEN);
    expect(requests[0]?.headers.prefer).toBe("wait=1");
  });

  test("POST /_emulator/reset forgets predictions, created models and faults but keeps the built-ins", async () => {
    await api()("POST", "/models", {
      body: { owner: "emulator", name: "temp", visibility: "public", hardware: "cpu" },
    });
    await api()("POST", "/predictions", {
      body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
    });
    emulator().faults.add({ path: "/nothing", status: 500 });
    expect((await control("POST", "/reset")).status).toBe(204);
    expect((await api()<{ results: unknown[] }>("GET", "/predictions")).body.results).toEqual([]);
    expect((await api()("GET", "/models/emulator/temp")).status).toBe(404);
    expect((await api()("GET", "/models/replicate/hello-world")).status).toBe(200);
    expect(emulator().faults.list()).toEqual([]);
  });

  test("GET /_emulator/health answers without a token", async () => {
    expect(await (await control("GET", "/health")).json()).toEqual({ ok: true });
  });

  test("clock/advance needs a manual clock", async () => {
    expect((await control("POST", "/clock/advance", { ms: 10 })).status).toBe(409);
  });
});

describe("bad options", () => {
  test("each bad option is refused with a one-sentence TypeError that never echoes a token", async () => {
    expect(() => createEmulatorApp({ speed: 0 })).toThrow(/speed option must be a positive number/);
    expect(() => createEmulatorApp({ tokens: ["r8_secret", ""] })).toThrow(/tokens option/);
    expect(() => createEmulatorApp({ tokens: ["r8_secret", ""] })).not.toThrow(/r8_secret/);
    expect(() => createEmulatorApp({ catalog: "everything" as "public" })).toThrow(
      /catalog option/,
    );
    expect(() => createEmulatorApp({ webhookSecret: "not-a-secret" })).toThrow(/whsec_/);
    expect(() => createEmulatorApp({ maxFileSize: -1 })).toThrow(/maxFileSize/);
    const { startEmulator } = await import("@replicate-ts/emulator");
    await expect(startEmulator({ port: 70000 })).rejects.toThrow(/port option/);
  });

  test("the token list is checked with apiCaller too", async () => {
    const emulator = createEmulatorApp({ tokens: ["r8_a"], quiet: true });
    try {
      const response = await apiCaller(
        "http://e.test/v1",
        "r8_b",
        emulator.fetch,
      )("GET", "/account");
      expect(response.status).toBe(401);
    } finally {
      await emulator.close();
    }
  });
});
