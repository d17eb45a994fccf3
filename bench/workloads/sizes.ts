/**
 * What the clients cost on disk and over the wire: the size of an install (the package and its
 * dependencies, as npm lays them out from the local tarball or the npm cache, offline), and of a
 * browser bundle of the whole client, minified and gzipped.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { measureBundle } from "../../packages/replicate/scripts/support/bundle-size.mjs";
import { CONSUMER_DIR } from "../support/build";
import { addRatios } from "../support/run-workload";
import type { MetricSpec, Row, WorkloadResult } from "../support/types";
import { FETCH, figure, OFFICIAL, REPLICATE_TS } from "./contenders";

const KIB = 1024;
const INSTALL_TARGET_KIB = 300;

async function sumFiles(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name === ".package-lock.json") continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
    files++;
  }
  return { bytes, files };
}

/** Installs `spec` (a tarball path or name@version) into a fresh folder, offline, and measures it. */
async function installedSize(spec: string): Promise<{ bytes: number; packages: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), "replicate-ts-bench-install-"));
  try {
    await writeFile(join(dir, "package.json"), '{ "name": "bench-install", "private": true }\n');
    execFileSync(
      "npm",
      ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", spec],
      { cwd: dir, stdio: ["ignore", "ignore", "pipe"] },
    );
    const modules = join(dir, "node_modules");
    const packages = (await readdir(modules)).filter((name) => !name.startsWith("."));
    return { bytes: (await sumFiles(modules)).bytes, packages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * esbuild's browser bundle of the whole module (every export kept), minified, then gzip -9:
 * the same measure as the package check's size budget.
 */
async function bundleSize(specifier: string): Promise<number> {
  return (await measureBundle(specifier, CONSUMER_DIR)).gzipped;
}

/** The sizes, with replicate-ts installed from `tarball` (its `npm pack`). */
export async function measureSizes(tarball: string): Promise<WorkloadResult> {
  const started = performance.now();
  const sdk = await installedSize(tarball);
  const official = await installedSize(`replicate@${OFFICIAL.label.split(" ")[1]}`);
  const metrics: MetricSpec[] = [
    {
      key: "installKiB",
      label: "installed (with dependencies)",
      unit: "KiB",
      digits: 0,
      ratio: false,
    },
    { key: "bundleKiB", label: "bundle, minified + gzipped", unit: "KiB", digits: 1, ratio: false },
  ];
  const row = (contender: typeof FETCH, install: number, bundle: number): Row => ({
    contender: contender.key,
    label: contender.label,
    repetitions: 1,
    figures: {
      installKiB: { value: install / KIB, values: [install / KIB] },
      bundleKiB: { value: bundle / KIB, values: [bundle / KIB] },
    },
  });
  const rows = [
    row(FETCH, 0, 0),
    row(REPLICATE_TS, sdk.bytes, await bundleSize("replicate-ts")),
    row(OFFICIAL, official.bytes, await bundleSize("replicate")),
  ];
  addRatios({ metrics }, rows);
  const install = figure(rows, REPLICATE_TS.key, "installKiB");
  return {
    id: "size",
    title: "Size",
    setup: `npm pack of replicate-ts installed offline into an empty folder, and replicate from the npm cache, counting every file under node_modules (replicate-ts: ${sdk.packages.join(", ")}; replicate: ${official.packages.length} packages, its optional readable-stream included as npm installs it); esbuild browser bundle of the whole module`,
    metrics,
    rows,
    targets: [
      {
        target: `replicate-ts install (with dependencies) under ${INSTALL_TARGET_KIB} KiB`,
        met: install < INSTALL_TARGET_KIB,
        measured: `${install.toFixed(0)} KiB`,
      },
    ],
    notes: ["Bare fetch is part of the runtime: nothing to install or bundle."],
    seconds: (performance.now() - started) / 1000,
  };
}
