/**
 * The official `replicate` client (1.4.x), used as its README shows: `run()` with a progress
 * callback, `stream()`, `paginate()`, and `files.create()` with the most memory-friendly input
 * it accepts, a file-backed `Blob` from `fs.openAsBlob()`.
 */
import { openAsBlob } from "node:fs";
import Replicate from "replicate";
import { BENCH_REFERENCE, BENCH_VERSION } from "../support/wire";
import type { AdapterContext, ClientAdapter } from "./types";

const INPUT = { prompt: "a benchmark" };

export function createAdapter({ origin, token }: AdapterContext): ClientAdapter {
  const replicate = new Replicate({ auth: token, baseUrl: `${origin}/v1` });
  const summary = (prediction: { id: string; status: string; output?: unknown }) => ({
    id: prediction.id,
    status: prediction.status,
    output: prediction.output,
  });

  return {
    create: async () =>
      summary(await replicate.predictions.create({ version: BENCH_VERSION, input: INPUT })),
    get: async (id) => summary(await replicate.predictions.get(id)),
    async run() {
      let id: string | undefined;
      const output = await replicate.run(BENCH_REFERENCE, { input: INPUT }, (prediction) => {
        id = prediction.id;
      });
      return { id, output };
    },
    // It has one way to consume a stream.
    async stream(_style, onOutput) {
      for await (const event of replicate.stream(BENCH_REFERENCE, { input: INPUT })) {
        if (event.event === "output") onOutput(event.data);
      }
    },
    async listAll(visit) {
      for await (const page of replicate.paginate(replicate.predictions.list)) {
        for (const prediction of page) visit(prediction.id);
      }
    },
    async upload(path) {
      const file = await replicate.files.create(await openAsBlob(path));
      return file.id;
    },
  };
}
