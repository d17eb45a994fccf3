import { BUILTIN, createEmulatorApp, ManualClock } from "@replicate-ts/emulator";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { useEmulator } from "./helpers/emulator";
import { apiCaller } from "./helpers/http";
import { startReceiver, type WebhookReceiver } from "./helpers/receiver";

const SECRET = `whsec_${Buffer.from("emulator webhook test secret!!").toString("base64")}`;

describe("webhooks", () => {
  const { api, emulator } = useEmulator({ webhookSecret: SECRET });
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  test("GET /webhooks/default/secret returns the whsec_ signing key", async () => {
    const response = await api()<{ key: string }>("GET", "/webhooks/default/secret");
    expect(response.status).toBe(200);
    expect(response.body.key).toBe(SECRET);
  });

  test("without the option, each emulator has a random whsec_ secret", async () => {
    const { startEmulator } = await import("@replicate-ts/emulator");
    const other = await startEmulator({ port: 0, quiet: true });
    try {
      expect(other.webhooks.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      expect(other.webhooks.secret).not.toBe(SECRET);
    } finally {
      await other.close();
    }
  });

  test("start and completed webhooks arrive as POSTs that standardwebhooks verifies", async () => {
    const created = await api()<{ id: string }>("POST", "/predictions", {
      body: {
        version: BUILTIN.helloWorld.version,
        input: { text: "hooks" },
        webhook: receiver.url,
        webhook_events_filter: ["start", "completed"],
      },
    });
    const hooks = await receiver.waitFor(2, (h) => h.json.id === created.body.id);
    expect(hooks.map((h) => h.json.status)).toEqual(["starting", "succeeded"]);
    expect(hooks[1]?.json.output).toBe("hello hooks");
    const verifier = new Webhook(SECRET);
    for (const hook of hooks) {
      expect(hook.headers["content-type"]).toBe("application/json");
      expect(hook.headers["webhook-signature"]).toMatch(/^v1,/);
      const verified = verifier.verify(hook.body, hook.headers as Record<string, string>);
      expect(verified).toEqual(hook.json);
    }
    expect(() =>
      new Webhook(`whsec_${Buffer.from("a different secret").toString("base64")}`).verify(
        hooks[0]?.body ?? "",
        hooks[0]?.headers as Record<string, string>,
      ),
    ).toThrow();
  });

  test("the events filter is honoured: completed only", async () => {
    const created = await api()<{ id: string }>("POST", "/predictions", {
      headers: { prefer: "wait" },
      body: {
        version: BUILTIN.slow.version,
        input: { seconds: 2 },
        webhook: receiver.url,
        webhook_events_filter: ["completed"],
      },
    });
    await receiver.waitFor(1, (h) => h.json.id === created.body.id);
    await emulator().webhooks.idle();
    const mine = receiver.received.filter((h) => h.json.id === created.body.id);
    expect(mine.map((h) => h.json.status)).toEqual(["succeeded"]);
  });

  test("a failed completed webhook is retried with the same webhook-id until it gets through", async () => {
    receiver.failNext(500, 503);
    const created = await api()<{ id: string }>("POST", "/predictions", {
      body: {
        version: BUILTIN.helloWorld.version,
        input: { text: "retry" },
        webhook: receiver.url,
        webhook_events_filter: ["completed"],
      },
    });
    const hooks = await receiver.waitFor(3, (h) => h.json.id === created.body.id);
    expect(hooks).toHaveLength(3);
    expect(new Set(hooks.map((h) => h.headers["webhook-id"])).size).toBe(1);
    await emulator().webhooks.idle();
    const attempts = emulator().webhooks.deliveries.filter((d) => d.jobId === created.body.id);
    expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 503],
      [3, 200],
    ]);
  });

  test("an invalid webhook URL is a 422 naming the field", async () => {
    const response = await api()<{ detail: string }>("POST", "/predictions", {
      body: { version: BUILTIN.helloWorld.version, input: { text: "x" }, webhook: "not a url" },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain("webhook");
  });
});

describe("webhook retries, on a manual clock", () => {
  test("a failed start webhook is not retried", async () => {
    const receiver = await startReceiver();
    const clock = new ManualClock();
    const emulator = createEmulatorApp({ clock, quiet: true });
    try {
      receiver.failNext(500);
      const api = apiCaller("http://emulator.test/v1", "token", emulator.fetch);
      const created = await api<{ id: string }>("POST", "/predictions", {
        body: {
          version: BUILTIN.helloWorld.version,
          input: { text: "once" },
          webhook: receiver.url,
          webhook_events_filter: ["start"],
        },
      });
      await emulator.webhooks.idle();
      expect(emulator.webhooks.deliveries.map((d) => [d.event, d.status])).toEqual([
        ["start", 500],
      ]);
      // A retry waits for its backoff on the emulator's clock (a failed `completed` is retried
      // after 1, 2, 4, 8 and 16 s): move past all of them, so that any retry would have gone out.
      await clock.advance(60_000);
      await emulator.webhooks.idle();
      expect(emulator.webhooks.deliveries.map((d) => [d.event, d.status])).toEqual([
        ["start", 500],
      ]);
      expect(receiver.received.filter((h) => h.json.id === created.body.id)).toHaveLength(1);
    } finally {
      await emulator.close();
      await receiver.close();
    }
  });
});

describe("webhook throttling, on a manual clock", () => {
  test("without a filter, logs webhooks come at most every 500 ms, and completed comes last", async () => {
    const receiver = await startReceiver();
    const clock = new ManualClock();
    const emulator = createEmulatorApp({ clock, quiet: true });
    try {
      const api = apiCaller("http://emulator.test/v1", "token", emulator.fetch);
      const created = await api<{ id: string }>("POST", "/predictions", {
        body: { version: BUILTIN.slow.version, input: { seconds: 5 }, webhook: receiver.url },
      });
      await clock.advance(6_000);
      await emulator.webhooks.idle();
      const events = emulator.webhooks.deliveries.map((d) => d.event);
      expect(events[0]).toBe("start");
      expect(events.at(-1)).toBe("completed");
      // 21 log lines over 5 emulated seconds, at most one delivery per 500 ms window.
      const logs = events.filter((e) => e === "logs").length;
      expect(logs).toBeGreaterThanOrEqual(9);
      expect(logs).toBeLessThanOrEqual(11);
      const received = await receiver.waitFor(events.length, (h) => h.json.id === created.body.id);
      expect(received.at(-1)?.json.status).toBe("succeeded");
      expect(received.filter((h) => h.json.status === "processing").length).toBe(logs);
    } finally {
      await emulator.close();
      await receiver.close();
    }
  });
});
