/**
 * replicate-ts as a user installs it: `replicate-ts` resolves to the built package (its `node`
 * export condition loads the Node entry), and `replicate-ts/node` gives `fileFromPath`.
 */
import Replicate from "replicate-ts";
import { fileFromPath } from "replicate-ts/node";
import { BENCH_REFERENCE, BENCH_VERSION } from "../support/wire";
import type { AdapterContext, ClientAdapter, PredictionSummary, StreamStyle } from "./types";

const INPUT = { prompt: "a benchmark" };

export function createAdapter({ origin, token, ownFetch }: AdapterContext): ClientAdapter {
  const replicate = new Replicate({
    auth: token,
    baseUrl: `${origin}/v1`,
    ...(ownFetch ? { fetch: (input, init) => fetch(input, init) } : {}),
  });
  const summary = (prediction: PredictionSummary): PredictionSummary => ({
    id: prediction.id,
    status: prediction.status,
    output: prediction.output,
  });

  return {
    create: async () =>
      summary(await replicate.predictions.create({ version: BENCH_VERSION, input: INPUT })),
    get: async (id) => summary(await replicate.predictions.get({ id })),
    async run() {
      let id: string | undefined;
      const output = await replicate.run(BENCH_REFERENCE, {
        input: INPUT,
        onProgress: (prediction) => {
          id = prediction.id;
        },
      });
      return { id, output };
    },
    async stream(style: StreamStyle, onOutput) {
      const stream = replicate.stream(BENCH_REFERENCE, { input: INPUT });
      if (style === "forEach") {
        await stream.forEach((event) => {
          if (event.event === "output") onOutput(event.data);
        });
      } else if (style === "batches") {
        for await (const events of stream.batches()) {
          for (const event of events) if (event.event === "output") onOutput(event.data);
        }
      } else {
        for await (const event of stream) if (event.event === "output") onOutput(event.data);
      }
    },
    async listAll(visit) {
      for await (const prediction of replicate.predictions.list()) visit(prediction.id);
    },
    async upload(path) {
      const file = await replicate.files.create({ file: fileFromPath(path) });
      return file.id;
    },
  };
}
