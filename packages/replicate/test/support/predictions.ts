import type { PredictionWire } from "replicate-ts";

/** A prediction in the API's wire shape, with fields overridable per test. */
export function predictionWire(
  origin: string,
  overrides: Partial<PredictionWire> & { id?: string } = {},
): PredictionWire {
  const id = overrides.id ?? "p1";
  return {
    id,
    model: "replicate/hello-world",
    version: "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa",
    input: { text: "Alice" },
    output: null,
    logs: "",
    error: null,
    status: "starting",
    source: "api",
    data_removed: false,
    created_at: "2026-01-01T00:00:00.000Z",
    urls: {
      get: `${origin}/v1/predictions/${id}`,
      cancel: `${origin}/v1/predictions/${id}/cancel`,
      web: `https://replicate.com/p/${id}`,
    },
    ...overrides,
  };
}
