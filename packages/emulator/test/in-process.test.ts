import {
  BUILTIN,
  createEmulatorApp,
  HELLO_WORLD_VERSION,
  ManualClock,
  startEmulator,
} from "@replicate-ts/emulator";
import Replicate from "replicate";
import { describe, expect, test, vi } from "vitest";
import { apiCaller } from "./helpers/http";

describe("the emulator in process", () => {
  test("its fetch can be injected into a client; URLs use the origin the client chose", async () => {
    const emulator = createEmulatorApp({ speed: 100, quiet: true });
    try {
      const replicate = new Replicate({
        auth: "t",
        baseUrl: "http://emulator.test/v1",
        fetch: emulator.fetch,
      });
      expect(
        await replicate.run(`replicate/hello-world:${HELLO_WORLD_VERSION}`, {
          input: { text: "in process" },
        }),
      ).toBe("hello in process");
      const prediction = await replicate.predictions.create({
        version: HELLO_WORLD_VERSION,
        input: { text: "x" },
      });
      expect(prediction.urls.get).toBe(`http://emulator.test/v1/predictions/${prediction.id}`);
    } finally {
      await emulator.close();
    }
  });

  test("Prefer: wait is measured on the emulator's clock", async () => {
    const clock = new ManualClock();
    const emulator = createEmulatorApp({ clock, quiet: true });
    const api = apiCaller("http://emulator.test/v1", "t", emulator.fetch);
    try {
      let settled = false;
      // 60 s: were the wait measured in real time, the answer would come after the test's
      // 20-second timeout, so the test would fail.
      const pending = api<{ status: string }>("POST", "/predictions", {
        headers: { prefer: "wait=60" },
        body: { version: BUILTIN.slow.version, input: { seconds: 100 } },
      }).then((response) => {
        settled = true;
        return response;
      });
      // The wait starts once the prediction is stored; then, one emulated second short of it,
      // the answer is still held.
      await vi.waitFor(() => expect(emulator.store.predictions.list()).toHaveLength(1));
      await clock.advance(59_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(settled).toBe(false);
      await clock.advance(1_000);
      const response = await pending;
      expect(response.status).toBe(202);
      expect(response.body.status).toBe("processing");
    } finally {
      await emulator.close();
    }
  });
});

describe("logging and CORS", () => {
  test("the logger gets one line per request; quiet silences it", async () => {
    const lines: string[] = [];
    const emulator = createEmulatorApp({
      logger: { info: (m) => lines.push(m), error: (m) => lines.push(m) },
    });
    await emulator.fetch("http://e.test/v1/account", { headers: { authorization: "Bearer t" } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GET \/v1\/account 200 \d+ms$/);
    await emulator.close();

    const quietLines: string[] = [];
    const quiet = createEmulatorApp({
      quiet: true,
      logger: { info: (m) => quietLines.push(m), error: (m) => quietLines.push(m) },
    });
    await quiet.fetch("http://e.test/v1/account");
    expect(quietLines).toEqual([]);
    await quiet.close();
  });

  test("a browser preflight is answered before auth, and answers carry CORS headers", async () => {
    const emulator = await startEmulator({ port: 0, quiet: true });
    try {
      const preflight = await fetch(`${emulator.baseUrl}/predictions`, {
        method: "OPTIONS",
        headers: {
          origin: "http://app.test",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization,content-type,prefer",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-headers")).toContain("Prefer");
      const response = await fetch(`${emulator.baseUrl}/account`, {
        headers: { origin: "http://app.test", authorization: "Bearer t" },
      });
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
    } finally {
      await emulator.close();
    }
  });

  test("cors: false leaves CORS out, as the real API", async () => {
    const emulator = createEmulatorApp({ cors: false, quiet: true });
    const response = await emulator.fetch("http://e.test/v1/account", {
      headers: { origin: "http://app.test", authorization: "Bearer t" },
    });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    await emulator.close();
  });

  test("the account option names the account", async () => {
    const emulator = createEmulatorApp({
      account: { username: "alice", type: "organization" },
      quiet: true,
    });
    const response = await apiCaller(
      "http://e.test/v1",
      "t",
      emulator.fetch,
    )<{ username: string; type: string }>("GET", "/account");
    expect(response.body).toMatchObject({ username: "alice", type: "organization" });
    await emulator.close();
  });
});
