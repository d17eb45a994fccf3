import { BUILTIN, createEmulatorApp } from "@replicate-ts/emulator";
import { describe, expect, test } from "vitest";
import { useEmulator } from "./helpers/emulator";
import { apiCaller, pollUntil } from "./helpers/http";
import { parseSse, readStream } from "./helpers/sse";

interface Prediction {
  id: string;
  status: string;
  output: unknown;
  urls: { stream?: string; cancel: string };
}

const tokensOf = (text: string) =>
  parseSse(text)
    .filter((e) => e.event === "output")
    .map((e) => e.data);

describe("server-sent event streams", () => {
  const { api, emulator } = useEmulator();

  async function startStream(
    input: Record<string, unknown> = { prompt: "tell me", max_tokens: 8 },
  ) {
    const created = await api()<Prediction>(
      "POST",
      "/models/replicate-ts/stream-text/predictions",
      {
        body: { input },
      },
    );
    expect(created.status).toBe(201);
    return created.body;
  }

  test("a streaming model's prediction has urls.stream on the emulator's own origin; others have none", async () => {
    const prediction = await startStream();
    expect(prediction.urls.stream?.startsWith(`${emulator().url}/streams/`)).toBe(true);
    const plain = await api()<Prediction>("POST", "/predictions", {
      body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
    });
    expect(plain.body.urls.stream).toBeUndefined();
  });

  test("streams output tokens, logs and done {} with increasing ids, and needs no token", async () => {
    const prediction = await startStream();
    const response = await fetch(prediction.urls.stream ?? "", {
      headers: { accept: "text/event-stream" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const { text, error } = await readStream(response);
    expect(error).toBeUndefined();
    const events = parseSse(text);
    const ids = events.map((e) => Number(e.id));
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(events.map((e) => e.event)).toContain("logs");
    expect(events.at(-1)).toMatchObject({ event: "done", data: "{}" });
    const tokens = tokensOf(text);
    expect(tokens).toHaveLength(8);
    expect(tokens.join("")).toMatch(/^You said: tell me\./);
    const finished = await api()<Prediction>("GET", `/predictions/${prediction.id}`);
    expect(finished.body.output).toEqual(tokens);
  });

  test("Last-Event-ID resumes after that event without repeating any", async () => {
    const prediction = await startStream({ prompt: "resume", max_tokens: 12 });
    const whole = parseSse((await readStream(await fetch(prediction.urls.stream ?? ""))).text);
    const resumed = parseSse(
      (
        await readStream(
          await fetch(prediction.urls.stream ?? "", { headers: { "last-event-id": "5" } }),
        )
      ).text,
    );
    expect(resumed[0]?.id).toBe("6");
    expect(resumed).toEqual(whole.slice(5));
  });

  test("a fault that cuts the stream after N events, then Last-Event-ID, gives every event exactly once", async () => {
    const prediction = await startStream({ prompt: "cut me", max_tokens: 10 });
    emulator().faults.add({ path: "/streams/*", dropConnection: true, afterEvents: 3 });
    const cut = await readStream(await fetch(prediction.urls.stream ?? ""));
    expect(cut.error).toBeDefined();
    const first = parseSse(cut.text);
    expect(first).toHaveLength(3);
    const rest = parseSse(
      (
        await readStream(
          await fetch(prediction.urls.stream ?? "", {
            headers: { "last-event-id": first[2]?.id ?? "" },
          }),
        )
      ).text,
    );
    const all = [...first, ...rest];
    expect(all.map((e) => Number(e.id))).toEqual(all.map((_, i) => i + 1));
    expect(all.at(-1)?.event).toBe("done");
    expect(all.filter((e) => e.event === "output")).toHaveLength(10);
  });

  test("a canceled prediction's stream ends with done {reason: canceled}", async () => {
    const prediction = await startStream({ prompt: "long", max_tokens: 400 });
    const streaming = fetch(prediction.urls.stream ?? "").then(readStream);
    await pollUntil<Prediction>(
      api(),
      `/predictions/${prediction.id}`,
      (p) => p.status === "processing",
    );
    await api()("POST", prediction.urls.cancel);
    const events = parseSse((await streaming).text);
    expect(events.at(-1)).toMatchObject({ event: "done", data: '{"reason":"canceled"}' });
  });

  test("a prediction that fails mid-stream sends an error event, then done {reason: error}", async () => {
    const prediction = await startStream({ prompt: "doomed", max_tokens: 10, fail_after: 3 });
    const events = parseSse((await readStream(await fetch(prediction.urls.stream ?? ""))).text);
    expect(events.filter((e) => e.event === "output")).toHaveLength(3);
    expect(events.at(-2)).toMatchObject({
      event: "error",
      data: "Generation failed after 3 tokens.",
    });
    expect(events.at(-1)).toMatchObject({ event: "done", data: '{"reason":"error"}' });
  });

  test("an unknown stream is a 404", async () => {
    expect((await fetch(`${emulator().url}/streams/not-a-token`)).status).toBe(404);
  });
});

describe("streams in process", () => {
  test("a dropped stream makes the in-process body error like a network failure", async () => {
    const emulator = createEmulatorApp({ speed: 100, quiet: true });
    const api = apiCaller("http://emulator.test/v1", "token", emulator.fetch);
    try {
      const created = await api<Prediction>(
        "POST",
        "/models/replicate-ts/stream-text/predictions",
        {
          body: { input: { prompt: "x", max_tokens: 6 } },
        },
      );
      emulator.faults.add({ path: "/streams/*", dropConnection: true, afterEvents: 2 });
      const response = await emulator.fetch(created.body.urls.stream ?? "");
      const { text, error } = await readStream(response);
      expect(error).toBeInstanceOf(TypeError);
      expect(parseSse(text).map((e) => e.id)).toEqual(["1", "2"]);
    } finally {
      await emulator.close();
    }
  });
});
