/**
 * `npm run bench`: replicate-ts, the official `replicate` client and bare `fetch`, side by side,
 * against a loopback `node:http` server. Prints a table per workload and the targets, and
 * writes bench/results.json.
 *
 *   npm run bench                       the full run (several minutes)
 *   npm run bench -- --quick            small sizes, one repetition: checks the benchmark works
 *   npm run bench -- --only sse,upload  some workloads (ids: round-trips, concurrency, run,
 *                                       run-window, sse, pagination, upload, import, size)
 *   npm run bench -- --out <file>       where the JSON goes
 *   npm run bench -- --only upload --upload-mib 1024 --upload-throttle-mbps 50
 *                                       a bigger file, read by the server at most 50 MB/s
 *
 * The full run writes bench/results.json; any other run writes bench/.tmp/results.json
 * unless --out says otherwise, so that it never replaces the committed figures.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { startBenchServer } from "./server";
import { withBenchFile } from "./support/bench-file";
import { bundleChild, CONSUMER_DIR, INSTALLED_SDK_DIR, prepareConsumer } from "./support/build";
import { ROOT, WORK_DIR } from "./support/paths";
import { runProcessWorkload } from "./support/run-workload";
import { formatReport, workloadTable } from "./support/table";
import type { ProcessWorkload, WorkloadResult } from "./support/types";
import { concurrency } from "./workloads/concurrency";
import { measureImportTime } from "./workloads/import-time";
import type { Mode } from "./workloads/mode";
import { pagination } from "./workloads/pagination";
import { roundTrips } from "./workloads/round-trips";
import { runWorkload } from "./workloads/run";
import { measureSizes } from "./workloads/sizes";
import { sse } from "./workloads/sse";
import { upload } from "./workloads/upload";

const WORKLOAD_IDS = [
  "round-trips",
  "concurrency",
  "run",
  "run-window",
  "sse",
  "pagination",
  "upload",
  "import",
  "size",
] as const;
type WorkloadId = (typeof WORKLOAD_IDS)[number];

interface Options {
  mode: Mode;
  only: Set<WorkloadId>;
  out: string;
  /** The upload's size, instead of the mode's. */
  uploadMiB: number | undefined;
  /** The server reads uploads at most this fast (MB/s); 0 for as fast as it can. */
  throttleMBps: number;
}

function parseOptions(args: string[]): Options {
  const mode: Mode = args.includes("--quick") ? "quick" : "full";
  const value = (name: string) => {
    const index = args.indexOf(name);
    return index === -1 ? undefined : args[index + 1];
  };
  const onlyText = value("--only");
  const only = new Set<WorkloadId>();
  for (const id of onlyText ? onlyText.split(",") : WORKLOAD_IDS) {
    if (!(WORKLOAD_IDS as readonly string[]).includes(id)) {
      throw new Error(`Unknown workload "${id}": use one of ${WORKLOAD_IDS.join(", ")}.`);
    }
    only.add(id as WorkloadId);
  }
  const number = (name: string) => {
    const text = value(name);
    if (text === undefined) return undefined;
    const parsed = Number(text);
    if (!Number.isFinite(parsed) || parsed <= 0) {
      throw new Error(`${name} takes a positive number (got ${JSON.stringify(text)}).`);
    }
    return parsed;
  };
  const uploadMiB = number("--upload-mib");
  const throttleMBps = number("--upload-throttle-mbps") ?? 0;
  const standard = uploadMiB === undefined && throttleMBps === 0;
  const complete = mode === "full" && only.size === WORKLOAD_IDS.length && standard;
  const out =
    value("--out") ??
    (complete ? join(ROOT, "bench", "results.json") : join(WORK_DIR, "results.json"));
  return { mode, only, out, uploadMiB, throttleMBps };
}

function versions() {
  const read = (path: string) =>
    (JSON.parse(readFileSync(join(ROOT, path), "utf8")) as { version: string }).version;
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: ROOT,
      encoding: "utf8",
    }).trim();
  } catch {
    // Not a git checkout: the figures just lack their commit.
  }
  return {
    commit,
    "replicate-ts": read("packages/replicate/package.json"),
    replicate: read("node_modules/replicate/package.json"),
  };
}

function machine() {
  return {
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const about = machine();
  log(`${options.mode} mode on ${about.cpu}, ${about.cores} cores, Node ${about.node}`);
  await mkdir(WORK_DIR, { recursive: true });
  const tarball = await prepareConsumer();
  const childScript = await bundleChild();
  const server = await startBenchServer();
  const results: WorkloadResult[] = [];
  const finish = (result: WorkloadResult) => {
    results.push(result);
    log(`${result.title}: ${result.seconds.toFixed(1)} s`);
    process.stdout.write(`\n${result.title}\n${workloadTable(result)}\n`);
  };
  try {
    const processWorkloads: [WorkloadId, () => ProcessWorkload][] = [
      ["round-trips", () => roundTrips(options.mode)],
      ["concurrency", () => concurrency(options.mode)],
      ["run", () => runWorkload(options.mode, "sync")],
      ["run-window", () => runWorkload(options.mode, "window")],
      ["sse", () => sse(options.mode)],
      ["pagination", () => pagination(options.mode)],
    ];
    for (const [id, workload] of processWorkloads) {
      if (options.only.has(id))
        finish(await runProcessWorkload(workload(), server, childScript, INSTALLED_SDK_DIR, log));
    }
    if (options.only.has("upload")) {
      const bytes = (options.uploadMiB ?? (options.mode === "quick" ? 32 : 512)) * 2 ** 20;
      const workload = (path: string) => upload(options.mode, path, bytes, options.throttleMBps);
      finish(
        await withBenchFile(bytes, (path) =>
          runProcessWorkload(workload(path), server, childScript, INSTALLED_SDK_DIR, log),
        ),
      );
    }
  } finally {
    await server.close();
  }
  if (options.only.has("import")) finish(await measureImportTime(options.mode, CONSUMER_DIR));
  if (options.only.has("size")) finish(await measureSizes(tarball));

  const seconds = (performance.now() - started) / 1000;
  const report = {
    mode: options.mode,
    date: new Date().toISOString(),
    seconds: Math.round(seconds),
    versions: versions(),
    machine: { ...about, loadAverageAtEnd: loadavg().map((load) => Number(load.toFixed(2))) },
    note: "Figures are medians of the repetitions (sums or maxima where a column says so); ratios are to bare fetch measured in the same run. Each client runs in its own child process.",
    workloads: results,
  };
  await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\n${formatReport(results)}\n`);
  log(`done in ${seconds.toFixed(0)} s; wrote ${options.out}`);
  const missed = results.flatMap((result) => result.targets).filter((target) => !target.met);
  if (missed.length > 0) log(`${missed.length} target(s) missed (see the Targets table)`);
  if (options.mode === "quick") {
    log("quick mode checks that the benchmark works; its sizes are too small to judge targets");
  }
}

await main();
