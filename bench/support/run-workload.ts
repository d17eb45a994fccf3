import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BenchServer } from "../server";
import { runChild } from "./spawn";
import { aggregate } from "./stats";
import type { Contender, ProcessWorkload, Row, WorkloadResult } from "./types";

/**
 * Runs every repetition of a workload: each contender in its own child process, the order
 * rotated from one repetition to the next so that no client always goes first. Figures are the
 * repetitions' medians (or sums or maxima, as each metric says), with ratios to bare fetch.
 */
export async function runProcessWorkload(
  workload: ProcessWorkload,
  server: BenchServer,
  childScript: string,
  installedSdkDir: string,
  progress: (line: string) => void,
): Promise<WorkloadResult> {
  const started = performance.now();
  const values = new Map<string, Record<string, number>[]>();
  for (let repetition = 0; repetition < workload.repetitions; repetition++) {
    const order = rotate(workload.contenders, repetition);
    for (const contender of order) {
      const allowed = Math.min(workload.repetitions, workload.repetitionsOf?.(contender) ?? 99);
      if (repetition >= allowed) continue;
      server.reset(workload.scenario);
      const report = await runChild(
        childScript,
        workload.job(contender, server.origin),
        workload.timeoutMs,
      );
      const installed = pathToFileURL(join(installedSdkDir, "dist")).href;
      if (contender.client === "replicate-ts" && !report.resolved?.startsWith(installed)) {
        throw new Error(`replicate-ts resolved to ${report.resolved}, not to its packed build`);
      }
      const figures = workload.figures(report, server, contender);
      progress(
        `${workload.id} ${repetition + 1}/${allowed} ${contender.label}: ${Object.entries(figures)
          .map(([key, value]) => `${key}=${round(value)}`)
          .join(" ")}`,
      );
      const list = values.get(contender.key) ?? [];
      list.push(figures);
      values.set(contender.key, list);
    }
  }
  const rows = workload.contenders.map((contender) => rowOf(workload, contender, values));
  addRatios(workload, rows);
  return {
    id: workload.id,
    title: workload.title,
    setup: workload.setup,
    metrics: workload.metrics,
    rows,
    targets: workload.targets(rows),
    notes: workload.notes?.(rows) ?? [],
    seconds: (performance.now() - started) / 1000,
  };
}

function rowOf(
  workload: ProcessWorkload,
  contender: Contender,
  values: Map<string, Record<string, number>[]>,
): Row {
  const repetitions = values.get(contender.key) ?? [];
  const figures: Row["figures"] = {};
  for (const metric of workload.metrics) {
    const list = repetitions.map((figures) => figures[metric.key] ?? Number.NaN);
    figures[metric.key] = { value: aggregate(list, metric.aggregate ?? "median"), values: list };
  }
  return {
    contender: contender.key,
    label: contender.label,
    repetitions: repetitions.length,
    figures,
  };
}

/** Adds each figure's ratio to bare fetch's (the row whose key is "fetch"). */
export function addRatios(workload: { metrics: WorkloadResult["metrics"] }, rows: Row[]): void {
  const floor = rows.find((row) => row.contender === "fetch");
  if (!floor) return;
  for (const metric of workload.metrics) {
    if (metric.ratio === false) continue;
    const base = floor.figures[metric.key]?.value;
    for (const row of rows) {
      const figure = row.figures[metric.key];
      if (figure && base !== undefined && base !== 0) figure.ratioToFetch = figure.value / base;
    }
  }
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function round(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}
