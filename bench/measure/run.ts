import type { ClientAdapter } from "../adapters/types";
import { runOutput } from "../support/wire";
import { check } from "./check";
import type { RunRecord } from "./jobs";

/**
 * `run()` of predictions that take a while, started a little apart and awaited together. The
 * parent compares each return time with the server's completion time and request count.
 */
export async function measureRuns(
  adapter: ClientAdapter,
  runs: number,
  staggerMs: number,
  outputTokens: number,
): Promise<RunRecord[]> {
  const expected = JSON.stringify(runOutput(outputTokens));
  return Promise.all(
    Array.from({ length: runs }, async (_, index) => {
      await new Promise((resolve) => setTimeout(resolve, index * staggerMs));
      const { id, output } = await adapter.run();
      const returnedAt = performance.timeOrigin + performance.now();
      check(typeof id === "string", "the client gave no prediction id");
      check(Array.isArray(output), `run() returned ${JSON.stringify(output)}, not an array`);
      return { id, returnedAt, complete: JSON.stringify(output) === expected };
    }),
  );
}
