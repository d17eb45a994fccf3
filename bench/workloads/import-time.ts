/**
 * Cold import: a fresh `node` process times `await import(<client>)` (nothing is cached in the
 * process; the OS file cache is warm, as on any second start). Bare fetch needs no import.
 */
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { median } from "../support/stats";
import type { Row, WorkloadResult } from "../support/types";
import { CLIENTS, figure, OFFICIAL, REPLICATE_TS, times } from "./contenders";
import type { Mode } from "./mode";

const PROBE = `const specifier = process.argv[2];
const started = performance.now();
if (specifier !== "fetch") await import(specifier);
else if (typeof globalThis.fetch !== "function") throw new Error("no fetch");
process.stdout.write(JSON.stringify({ ms: performance.now() - started }) + "\\n");
`;

function probe(script: string, specifier: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, specifier], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text: string) => {
      output += text;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`import of ${specifier} exited with ${code}`));
      resolve((JSON.parse(output) as { ms: number }).ms);
    });
  });
}

export async function measureImportTime(mode: Mode, workDir: string): Promise<WorkloadResult> {
  const started = performance.now();
  const repetitions = mode === "quick" ? 3 : 21;
  const script = join(workDir, "import-probe.mjs");
  await writeFile(script, PROBE);
  const values = new Map<string, number[]>(CLIENTS.map((contender) => [contender.key, []]));
  for (let repetition = 0; repetition < repetitions; repetition++) {
    for (const contender of CLIENTS) {
      values.get(contender.key)!.push(await probe(script, contender.client));
    }
  }
  const officialMs = median(values.get(OFFICIAL.key)!);
  const rows: Row[] = CLIENTS.map((contender) => {
    const list = values.get(contender.key)!;
    const ms = median(list);
    return {
      contender: contender.key,
      label: contender.label,
      repetitions,
      figures: {
        ms: { value: ms, values: list },
        toOfficial: { value: ms / officialMs, values: list.map((value) => value / officialMs) },
      },
    };
  });
  const ratio = figure(rows, REPLICATE_TS.key, "toOfficial");
  return {
    id: "import",
    title: "Cold import",
    setup: `await import() of the client in a fresh node process, median of ${repetitions} processes per client`,
    metrics: [
      { key: "ms", label: "import", unit: "ms", digits: 1, ratio: false },
      { key: "toOfficial", label: "relative to replicate", unit: "x", digits: 2, ratio: false },
    ],
    rows,
    targets: [
      {
        target: "replicate-ts cold import no slower than the official client",
        met: ratio <= 1,
        measured: `${times(ratio)} of replicate's`,
      },
    ],
    notes: [
      "Bare fetch needs no import (Node provides it), so this workload shows ratios to the official client instead.",
    ],
    seconds: (performance.now() - started) / 1000,
  };
}
