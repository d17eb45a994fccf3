/**
 * Prints the "Performance" section of the README from a results file, so that the README shows
 * exactly what a run measured:
 *
 *   npx tsx bench/report.ts [bench/results.json]
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT } from "./support/paths";
import { formatReport } from "./support/table";
import type { WorkloadResult } from "./support/types";

interface Results {
  mode: string;
  date: string;
  seconds: number;
  versions: Record<string, string>;
  machine: {
    node: string;
    cpu: string;
    cores: number;
    memoryGiB: number;
    platform: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  note: string;
  workloads: WorkloadResult[];
}

const path = process.argv[2] ?? join(ROOT, "bench", "results.json");
const results = JSON.parse(await readFile(path, "utf8")) as Results;
const { machine, versions } = results;
const minutes = (results.seconds / 60).toFixed(1);
process.stdout.write(
  [
    "## Performance",
    "",
    `Measured by \`npm run bench\` on ${results.date.slice(0, 10)} (${minutes} min, commit ${versions.commit}): replicate-ts ${versions["replicate-ts"]}, replicate ${versions.replicate}, Node ${machine.node}, ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}. Load average ${machine.loadAverageAtStart.join(" / ")} at the start and ${machine.loadAverageAtEnd.join(" / ")} at the end: other work shared the machine, so single figures move by 10-20 % between runs; ratios within one run are steadier.`,
    "",
    results.note,
    "",
    formatReport(results.workloads),
    "",
  ].join("\n"),
);
