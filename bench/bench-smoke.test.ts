import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./support/paths";
import type { WorkloadResult } from "./support/types";

const run = promisify(execFile);
const committedResults = join(ROOT, "bench", "results.json");

interface Results {
  mode: string;
  workloads: WorkloadResult[];
}

async function modifiedAt(path: string): Promise<number | undefined> {
  return (await stat(path).catch(() => undefined))?.mtimeMs;
}

describe("npm run bench -- --quick", () => {
  let dir: string;
  let results: Results;
  let committedBefore: number | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "replicate-ts-bench-smoke-"));
    committedBefore = await modifiedAt(committedResults);
    const out = join(dir, "results.json");
    // The runner checks every client's results (counts, bytes, outputs) and fails if one is wrong.
    await run("npm", ["run", "bench", "--silent", "--", "--quick", "--out", out], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    results = JSON.parse(await readFile(out, "utf8")) as Results;
  }, 170_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("runs every workload in quick mode", () => {
    expect(results.mode).toBe("quick");
    expect(results.workloads.map((workload) => workload.id)).toEqual([
      "round-trips",
      "concurrency",
      "run",
      "run-window",
      "sse",
      "pagination",
      "upload",
      "import",
      "size",
    ]);
  });

  it("gives every client a figure in every column, with its ratio to bare fetch", () => {
    for (const workload of results.workloads) {
      // An empty workload would pass the loops below without a single check.
      expect(workload.rows.length, workload.id).toBeGreaterThan(0);
      expect(workload.metrics.length, workload.id).toBeGreaterThan(0);
      for (const row of workload.rows) {
        for (const metric of workload.metrics) {
          const figure = row.figures[metric.key];
          const where = `${workload.id} / ${row.label} / ${metric.key}`;
          // A run() that returned a partial output has no "noticed after" time.
          const partial = (row.figures.complete?.value ?? 0) < (row.figures.runs?.value ?? 0);
          if (partial && metric.key.startsWith("notice")) continue;
          expect(Number.isFinite(figure?.value), where).toBe(true);
          if (metric.ratio !== false) {
            expect(Number.isFinite(figure?.ratioToFetch), where).toBe(true);
          }
        }
      }
    }
  });

  it("gets the complete output from replicate-ts run() when the wait window ends first", () => {
    const window = results.workloads.find((workload) => workload.id === "run-window")!;
    const row = window.rows.find((candidate) => candidate.contender === "replicate-ts")!;
    expect(row.figures.complete!.value).toBe(row.figures.runs!.value);
  });

  it("leaves the committed bench/results.json alone", async () => {
    // Were it missing, the comparison below would hold without proving anything.
    expect(committedBefore).toBeDefined();
    expect(await modifiedAt(committedResults)).toBe(committedBefore);
  });
});
