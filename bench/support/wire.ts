/**
 * What the loopback server answers: predictions, list pages and event streams shaped like the
 * API's, built once where they can be, so that the server costs as little as possible per request.
 */

/** The version every benchmark prediction runs; `bench/model:<this>` is the model reference. */
export const BENCH_VERSION = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";
export const BENCH_MODEL = "bench/model";
export const BENCH_REFERENCE = `${BENCH_MODEL}:${BENCH_VERSION}`;
/** The output a finished round-trip prediction has. */
export const ROUND_TRIP_OUTPUT = "hello bench";

/** The output of a finished `run()` prediction: tokens, of which a running one has a prefix. */
export function runOutput(tokens: number): string[] {
  return Array.from({ length: tokens }, (_, index) => `token${index} `);
}

export interface PredictionState {
  id: string;
  status: "starting" | "processing" | "succeeded";
  output: unknown;
  createdAt: number;
  completedAt: number | undefined;
}

/** A prediction as the API sends it, for `state`. */
export function predictionWire(origin: string, state: PredictionState): Record<string, unknown> {
  const base = `${origin}/v1/predictions/${state.id}`;
  return {
    id: state.id,
    model: BENCH_MODEL,
    version: BENCH_VERSION,
    input: { prompt: "a benchmark" },
    logs: "",
    output: state.output,
    data_removed: false,
    error: null,
    status: state.status,
    source: "api",
    created_at: new Date(state.createdAt).toISOString(),
    started_at: state.status === "starting" ? null : new Date(state.createdAt).toISOString(),
    completed_at:
      state.completedAt === undefined ? null : new Date(state.completedAt).toISOString(),
    urls: {
      get: base,
      cancel: `${base}/cancel`,
      stream: `${origin}/stream/${state.id}`,
      web: `https://replicate.com/p/${state.id}`,
    },
    metrics: state.completedAt === undefined ? {} : { predict_time: 0.01, total_time: 0.01 },
  };
}

/**
 * One page of `GET /v1/predictions` as JSON text: `size` finished predictions with a prompt, logs
 * and a file URL, about the size of real list items (about 1 KB each).
 */
export function listPageJson(origin: string, page: number, pages: number, size: number): string {
  const results = [];
  for (let index = 0; index < size; index++) {
    const number = page * size + index;
    const id = `l${number.toString().padStart(8, "0")}`;
    const wire = predictionWire(origin, {
      id,
      status: "succeeded",
      output: [`https://replicate.delivery/bench/${id}/out-0.png`],
      createdAt: 1_700_000_000_000 + number * 1000,
      completedAt: 1_700_000_000_000 + number * 1000 + 900,
    });
    wire.input = {
      prompt: `an astronaut riding a horse, photograph number ${number}, golden hour, 35 mm film`,
      num_outputs: 1,
      guidance_scale: 7.5,
    };
    wire.logs = `Using seed: ${number}\nprompt: an astronaut riding a horse\n${"step ".repeat(40)}\n`;
    results.push(wire);
  }
  const cursor = (next: number) => `${origin}/v1/predictions?cursor=${next}`;
  return JSON.stringify({
    previous: page > 0 ? cursor(page - 1) : null,
    next: page + 1 < pages ? cursor(page + 1) : null,
    results,
  });
}

/** The id of the `index`-th item of the list, as {@link listPageJson} numbers them. */
export function listItemId(index: number): string {
  return `l${index.toString().padStart(8, "0")}`;
}

/** A whole event stream: `events` output events with ids, then `done`. */
export function eventStreamBytes(events: number): Buffer {
  const parts: string[] = [];
  for (let index = 1; index <= events; index++) {
    parts.push(`id: ${index}\nevent: output\ndata: token${index % 1000} \n\n`);
  }
  parts.push(`id: ${events + 1}\nevent: done\ndata: {}\n\n`);
  return Buffer.from(parts.join(""));
}

/** The answer to a file upload. */
export function fileWire(origin: string, size: number): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    id: "f1",
    name: "big.bin",
    content_type: "application/octet-stream",
    size,
    etag: "bench",
    checksums: { sha256: "0".repeat(64) },
    metadata: {},
    created_at: now,
    expires_at: now,
    urls: { get: `${origin}/v1/files/f1` },
  };
}
