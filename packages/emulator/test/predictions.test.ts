import * as zlib from "node:zlib";
import {
  BUILTIN,
  createEmulatorApp,
  HELLO_WORLD_VERSION,
  ManualClock,
} from "@replicate-ts/emulator";
import { describe, expect, test } from "vitest";
import { useEmulator } from "./helpers/emulator";
import { apiCaller, isTerminalStatus, pollUntil } from "./helpers/http";

interface Prediction {
  id: string;
  status: string;
  output: unknown;
  logs: string;
  error: string | null;
  input: Record<string, unknown>;
  version: string;
  model: string;
  deadline?: string;
  started_at?: string;
  completed_at?: string;
  metrics?: Record<string, number>;
  urls: { get: string; cancel: string; stream?: string; web: string };
}

interface Page<T> {
  next: string | null;
  previous: string | null;
  results: T[];
}

describe("the prediction lifecycle", () => {
  const { api } = useEmulator();

  test("hello-world keeps its real version id and answers hello <text>", async () => {
    expect(BUILTIN.helloWorld.version).toBe(
      "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa",
    );
    expect(HELLO_WORLD_VERSION).toBe(BUILTIN.helloWorld.version);
    const created = await api()<Prediction>("POST", "/predictions", {
      body: { version: HELLO_WORLD_VERSION, input: { text: "Alice" } },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("starting");
    expect(created.body.output).toBeNull();
    const done = await pollUntil<Prediction>(api(), `/predictions/${created.body.id}`, (p) =>
      isTerminalStatus(p.status),
    );
    expect(done.status).toBe("succeeded");
    expect(done.output).toBe("hello Alice");
    expect(done.model).toBe("replicate/hello-world");
    expect(done.metrics?.predict_time).toBeGreaterThan(0);
    expect(Date.parse(done.completed_at ?? "")).toBeGreaterThanOrEqual(
      Date.parse(done.started_at ?? ""),
    );
  });

  test("a prediction goes starting -> processing -> succeeded, and its logs grow with tqdm lines", async () => {
    const created = await api()<Prediction>("POST", "/predictions", {
      body: { version: BUILTIN.slow.version, input: { seconds: 20 } },
    });
    const seen: string[] = [created.body.status];
    const logSizes: number[] = [];
    let current = created.body;
    while (!isTerminalStatus(current.status)) {
      await new Promise((resolve) => setTimeout(resolve, 3));
      current = (await api()<Prediction>("GET", `/predictions/${current.id}`)).body;
      if (seen[seen.length - 1] !== current.status) seen.push(current.status);
      if (current.status === "processing") logSizes.push(current.logs.length);
    }
    expect(seen).toEqual(["starting", "processing", "succeeded"]);
    expect(new Set(logSizes).size).toBeGreaterThan(1);
    expect(current.logs).toMatch(/ 45%\|████▌ {5}\| 45\/100 \[\d\d:\d\d<\d\d:\d\d, [\d.]+it\/s\]/);
    expect(current.logs).toContain("100%|██████████| 100/100");
    expect(current.output).toBe("slept for 20 seconds");
  });

  test("the model endpoint runs a model's latest version", async () => {
    const response = await api()<Prediction>("POST", "/models/replicate/hello-world/predictions", {
      headers: { prefer: "wait" },
      body: { input: { text: "Bob" } },
    });
    expect(response.status).toBe(201);
    expect(response.body.output).toBe("hello Bob");
    expect(response.body.version).toBe(HELLO_WORLD_VERSION);
  });

  test("`owner/name:version` and `owner/name` both resolve in POST /predictions", async () => {
    for (const version of [
      `replicate/hello-world:${HELLO_WORLD_VERSION}`,
      "replicate/hello-world",
    ]) {
      const response = await api()<Prediction>("POST", "/predictions", {
        headers: { prefer: "wait" },
        body: { version, input: { text: "Cy" } },
      });
      expect(response.body.output).toBe("hello Cy");
    }
  });

  test("a failing model ends failed with its error and a traceback in the logs", async () => {
    const response = await api()<Prediction>("POST", "/predictions", {
      headers: { prefer: "wait" },
      body: { version: BUILTIN.fail.version, input: { message: "CUDA out of memory" } },
    });
    expect(response.body.status).toBe("failed");
    expect(response.body.error).toBe("CUDA out of memory");
    expect(response.body.logs).toContain("RuntimeError: CUDA out of memory");
  });

  test("GET of an unknown prediction is a 404", async () => {
    expect((await api()("GET", "/predictions/doesnotexist")).status).toBe(404);
  });
});

describe("Prefer: wait", () => {
  const { api } = useEmulator();

  test("holds the response until the prediction finishes, then answers 201 with the output", async () => {
    const response = await api()<Prediction>("POST", "/predictions", {
      headers: { prefer: "wait=60" },
      body: { version: BUILTIN.slow.version, input: { seconds: 3 } },
    });
    expect(response.status).toBe(201);
    expect(response.body.status).toBe("succeeded");
    expect(response.body.output).toBe("slept for 3 seconds");
  });

  test("answers 202 with the prediction still running when the wait runs out", async () => {
    const response = await api()<Prediction>("POST", "/predictions", {
      headers: { prefer: "wait=1" },
      body: { version: BUILTIN.slow.version, input: { seconds: 30 } },
    });
    expect(response.status).toBe(202);
    expect(["starting", "processing"]).toContain(response.body.status);
  });

  test("a bare `wait` waits for a prediction shorter than 60 emulated seconds", async () => {
    const response = await api()<Prediction>("POST", "/predictions", {
      headers: { prefer: "wait" },
      body: { version: BUILTIN.slow.version, input: { seconds: 20 } },
    });
    expect(response.status).toBe(201);
    expect(response.body.status).toBe("succeeded");
  });

  test("a bare `wait` gives up after 60 emulated seconds", async () => {
    const response = await api()<Prediction>("POST", "/predictions", {
      headers: { prefer: "wait" },
      body: { version: BUILTIN.slow.version, input: { seconds: 70 } },
    });
    expect(response.status).toBe(202);
  });
});

describe("Cancel-After", () => {
  const { api } = useEmulator();

  test("cancels a prediction still running at its deadline", async () => {
    const response = await api()<Prediction & { created_at: string }>("POST", "/predictions", {
      headers: { prefer: "wait=60", "cancel-after": "5s" },
      body: { version: BUILTIN.slow.version, input: { seconds: 40 } },
    });
    expect(response.body.status).toBe("canceled");
    expect(response.body.output).toBeNull();
    const deadline = Date.parse(response.body.deadline ?? "");
    expect(deadline - Date.parse(response.body.created_at)).toBe(5000);
    // Canceled at the deadline, not before it.
    expect(Date.parse(response.body.completed_at ?? "")).toBeGreaterThanOrEqual(deadline);
  });

  test("accepts combined units and sets the deadline from creation", async () => {
    const response = await api()<Prediction & { created_at: string }>("POST", "/predictions", {
      headers: { "cancel-after": "1m30s" },
      body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
    });
    expect(Date.parse(response.body.deadline ?? "") - Date.parse(response.body.created_at)).toBe(
      90_000,
    );
  });

  test("refuses durations under 5 seconds and malformed ones with a 400", async () => {
    for (const value of ["2s", "soon"]) {
      const response = await api()<{ detail: string }>("POST", "/predictions", {
        headers: { "cancel-after": value },
        body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
      });
      expect(response.status).toBe(400);
      expect(response.body.detail).toContain("Cancel-After");
    }
  });
});

describe("header limits", () => {
  const { api } = useEmulator();

  test("Prefer: wait above 60 seconds is a 400, though the spec's pattern admits up to 99", async () => {
    for (const prefer of ["wait=61", "wait=99"]) {
      const response = await api()<{ detail: string }>("POST", "/predictions", {
        headers: { prefer },
        body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
      });
      expect(response.status, prefer).toBe(400);
      expect(response.body.detail).toContain("Prefer");
    }
    const sixty = await api()<Prediction>("POST", "/predictions", {
      headers: { prefer: "wait=60" },
      body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
    });
    expect(sixty.status).toBe(201);
  });

  test("a Cancel-After beyond a week is a 400, stores nothing, and listing keeps working", async () => {
    const before = await api()<Page<Prediction>>("GET", "/predictions");
    for (const value of ["99999999999999999999h", "169h", "604801"]) {
      const response = await api()<{ detail: string }>("POST", "/predictions", {
        headers: { "cancel-after": value },
        body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
      });
      expect(response.status, value).toBe(400);
      expect(response.body.detail).toContain("Cancel-After");
    }
    const after = await api()<Page<Prediction>>("GET", "/predictions");
    expect(after.status).toBe(200);
    expect(after.body.results.map((p) => p.id)).toEqual(before.body.results.map((p) => p.id));
    const week = await api()<Prediction>("POST", "/predictions", {
      headers: { "cancel-after": "168h" },
      body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
    });
    expect(week.status).toBe(201);
  });
});

describe("a slow clock with far deadlines", () => {
  // At a tenth of real speed a week-long Cancel-After is 70 real days: past setTimeout's limit.
  const { api } = useEmulator({ speed: 0.1 });

  test("timers beyond setTimeout's 2^31-1 ms neither overflow nor fire early", async () => {
    const overflows: string[] = [];
    const onWarning = (warning: Error) => {
      if (warning.name === "TimeoutOverflowWarning") overflows.push(warning.message);
    };
    process.on("warning", onWarning);
    try {
      const created = await api()<Prediction>("POST", "/predictions", {
        headers: { "cancel-after": "168h" },
        body: { version: BUILTIN.slow.version, input: { seconds: 86400 } },
      });
      expect(created.status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const later = await api()<Prediction>("GET", `/predictions/${created.body.id}`);
      expect(later.body.status).toBe("starting");
      expect(overflows).toEqual([]);
      await api()("POST", `/predictions/${created.body.id}/cancel`);
    } finally {
      process.off("warning", onWarning);
    }
  });
});

describe("Cancel-After before the prediction starts", () => {
  const { api } = useEmulator({ startDelayMs: 60_000 });

  test("aborts a prediction that never started", async () => {
    const response = await api()<Prediction>("POST", "/predictions", {
      headers: { prefer: "wait=20", "cancel-after": "10s" },
      body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
    });
    expect(response.body.status).toBe("aborted");
    expect(response.body.started_at).toBeUndefined();
  });
});

describe("cancel", () => {
  const { api } = useEmulator();

  test("cancels a running prediction", async () => {
    const created = await api()<Prediction>("POST", "/predictions", {
      body: { version: BUILTIN.slow.version, input: { seconds: 60 } },
    });
    await pollUntil<Prediction>(
      api(),
      `/predictions/${created.body.id}`,
      (p) => p.status === "processing",
    );
    const canceled = await api()<Prediction>("POST", `/predictions/${created.body.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe("canceled");
    const later = await api()<Prediction>("GET", `/predictions/${created.body.id}`);
    expect(later.body.status).toBe("canceled");
    expect(later.body.output).toBeNull();
  });

  test("cancels a prediction that is still starting", async () => {
    const created = await api()<Prediction>("POST", "/predictions", {
      body: { version: BUILTIN.slow.version, input: { seconds: 60 } },
    });
    const canceled = await api()<Prediction>("POST", created.body.urls.cancel);
    expect(canceled.body.status).toBe("canceled");
  });

  test("leaves a finished prediction as it is", async () => {
    const done = await api()<Prediction>("POST", "/predictions", {
      headers: { prefer: "wait" },
      body: { version: BUILTIN.helloWorld.version, input: { text: "x" } },
    });
    const canceled = await api()<Prediction>("POST", `/predictions/${done.body.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe("succeeded");
  });

  test("canceling an unknown prediction is a 404", async () => {
    expect((await api()("POST", "/predictions/nope/cancel")).status).toBe(404);
  });
});

describe("listing and pagination", () => {
  const { api, emulator } = useEmulator({ pageSize: 2 });

  test("walks every prediction newest first through absolute next/previous URLs", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await api()<Prediction>("POST", "/predictions", {
        body: { version: BUILTIN.helloWorld.version, input: { text: `n${i}` } },
      });
      ids.push(response.body.id);
    }
    const first = await api()<Page<Prediction>>("GET", "/predictions");
    expect(first.body.results.map((p) => p.id)).toEqual([ids[4], ids[3]]);
    expect(first.body.previous).toBeNull();
    expect(first.body.next?.startsWith(`${emulator().baseUrl}/predictions?cursor=`)).toBe(true);

    const walked: string[] = [];
    let url: string | null = `${emulator().baseUrl}/predictions`;
    let last: Page<Prediction> | undefined;
    while (url) {
      last = (await api()<Page<Prediction>>("GET", url)).body;
      walked.push(...last.results.map((p) => p.id));
      url = last.next;
    }
    expect(walked).toEqual([...ids].reverse());
    expect(last?.previous).not.toBeNull();
    const back = await api()<Page<Prediction>>("GET", last?.previous ?? "");
    expect(back.body.results.map((p) => p.id)).toEqual([ids[2], ids[1]]);
  });

  test("filters on created_after (at or after, as the spec says) / created_before", async () => {
    const all = await api()<Page<Prediction & { created_at: string }>>("GET", "/predictions");
    const newest = all.body.results[0];
    const response = await api()<Page<Prediction>>(
      "GET",
      `/predictions?created_after=${encodeURIComponent(newest?.created_at ?? "")}`,
    );
    expect(response.body.results.map((p) => p.id)).toEqual([newest?.id]);
    const before = await api()<Page<Prediction>>(
      "GET",
      `/predictions?created_before=${encodeURIComponent(newest?.created_at ?? "")}`,
    );
    expect(before.body.results.map((p) => p.id)).not.toContain(newest?.id);
  });

  test("a malformed created_after is a 400 naming it", async () => {
    const response = await api()<{ detail: string }>("GET", "/predictions?created_after=yesterday");
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain("created_after");
  });
});

describe("output files (draw-png)", () => {
  const { api } = useEmulator();

  function readPng(bytes: Uint8Array) {
    const buffer = Buffer.from(bytes);
    expect(buffer.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    let offset = 8;
    const chunks: { type: string; data: Buffer }[] = [];
    while (offset < buffer.length) {
      const length = buffer.readUInt32BE(offset);
      const type = buffer.toString("ascii", offset + 4, offset + 8);
      const data = buffer.subarray(offset + 8, offset + 8 + length);
      const crc = buffer.readUInt32BE(offset + 8 + length);
      // Node's own zlib.crc32 is the oracle for the emulator's CRC table.
      expect(crc).toBe(zlib.crc32(buffer.subarray(offset + 4, offset + 8 + length)));
      chunks.push({ type, data });
      offset += 12 + length;
    }
    const header = chunks.find((c) => c.type === "IHDR")?.data ?? Buffer.alloc(13);
    const pixels = zlib.inflateSync(
      Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.data)),
    );
    return {
      width: header.readUInt32BE(0),
      height: header.readUInt32BE(4),
      types: chunks.map((c) => c.type),
      pixels,
    };
  }

  test("draws real PNGs served from the emulator without a token, the same bytes for the same prompt", async () => {
    const run = async () =>
      (
        await api()<Prediction>("POST", "/predictions", {
          headers: { prefer: "wait" },
          body: {
            version: BUILTIN.drawPng.version,
            input: { prompt: "a lighthouse", width: 40, height: 24, num_outputs: 2 },
          },
        })
      ).body;
    const first = await run();
    expect(first.status).toBe("succeeded");
    const urls = first.output as string[];
    expect(urls).toHaveLength(2);
    const response = await fetch(urls[0] ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const png = readPng(bytes);
    expect(png.types).toEqual(["IHDR", "IDAT", "IEND"]);
    expect([png.width, png.height]).toEqual([40, 24]);
    expect(png.pixels.length).toBe(24 * (40 * 3 + 1));

    const second = await run();
    const again = new Uint8Array(
      await (await fetch((second.output as string[])[0] ?? "")).arrayBuffer(),
    );
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const other = new Uint8Array(await (await fetch(urls[1] ?? "")).arrayBuffer());
    expect(Buffer.from(other).equals(Buffer.from(bytes))).toBe(false);
    expect(first.logs).toContain("Using seed:");
  });
});

describe("a manual clock", () => {
  test("moves a prediction only when time is advanced", async () => {
    const clock = new ManualClock(Date.parse("2025-06-01T00:00:00Z"));
    const emulator = createEmulatorApp({ clock, quiet: true });
    const api = apiCaller("http://emulator.test/v1", "token", emulator.fetch);
    try {
      const created = await api<Prediction & { created_at: string }>("POST", "/predictions", {
        body: { version: BUILTIN.slow.version, input: { seconds: 10 } },
      });
      expect(created.body.created_at).toBe("2025-06-01T00:00:00.000000Z");
      await clock.advance(5_000);
      expect((await api<Prediction>("GET", `/predictions/${created.body.id}`)).body.status).toBe(
        "processing",
      );
      await clock.advance(6_000);
      const done = await api<Prediction>("GET", `/predictions/${created.body.id}`);
      expect(done.body.status).toBe("succeeded");
      expect(done.body.metrics?.predict_time).toBe(10);
    } finally {
      await emulator.close();
    }
  });
});
