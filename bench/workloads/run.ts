import { check } from "../measure/check";
import type { ChildReport } from "../measure/jobs";
import type { BenchServer } from "../server";
import type { ProcessWorkload, Row } from "../support/types";
import { CLIENTS, figure, REPLICATE_TS } from "./contenders";
import type { Mode } from "./mode";

const OUTPUT_TOKENS = 30;

/**
 * `run()` of predictions that take `predictionMs`: either the server's `Prefer: wait` window
 * covers them (`sync`), or it ends first and the server answers with a prediction still
 * processing, whose output is partial (`window`).
 */
export function runWorkload(mode: Mode, variant: "sync" | "window"): ProcessWorkload {
  const predictionMs = mode === "quick" ? 1000 : 3000;
  const waitWindowMs = variant === "sync" ? 60_000 : mode === "quick" ? 300 : 1000;
  const runs = mode === "quick" ? 2 : 5;
  const seconds = (ms: number) => `${ms / 1000} s`;
  return {
    id: variant === "sync" ? "run" : "run-window",
    title:
      variant === "sync"
        ? "run(), sync mode covers the prediction"
        : "run(), the wait window ends first",
    setup:
      variant === "sync"
        ? `${runs} run() calls per process (started 150 ms apart), each prediction done after ${seconds(predictionMs)}; the server holds Prefer: wait up to 60 s`
        : `as above, but the server ends Prefer: wait after ${seconds(waitWindowMs)} and answers "processing" with partial output`,
    scenario: { predictionMs, waitWindowMs, outputTokens: OUTPUT_TOKENS },
    contenders: CLIENTS,
    repetitions: mode === "quick" ? 1 : 3,
    metrics: [
      { key: "noticeMs", label: "completion noticed after (median)", unit: "ms", digits: 1 },
      { key: "noticeMaxMs", label: "(max)", unit: "ms", digits: 1, aggregate: "max" },
      {
        key: "requestsMax",
        label: "requests per run (max)",
        unit: "",
        digits: 0,
        aggregate: "max",
      },
      {
        key: "complete",
        label: "complete outputs",
        unit: "",
        digits: 0,
        aggregate: "sum",
        ratio: false,
      },
      { key: "runs", label: "runs", unit: "", digits: 0, aggregate: "sum", ratio: false },
    ],
    job: (contender, origin) => ({
      workload: "run",
      client: contender.client,
      origin,
      token: "r8_bench",
      runs,
      staggerMs: 150,
      outputTokens: OUTPUT_TOKENS,
    }),
    figures: (report, server) => runFigures(report, server, runs),
    targets(rows) {
      const complete = figure(rows, REPLICATE_TS.key, "complete");
      const total = figure(rows, REPLICATE_TS.key, "runs");
      if (variant === "window") {
        return [
          {
            target:
              "replicate-ts run() returns the complete output in every run when the wait window expires",
            met: complete === total,
            measured: `${complete} of ${total}`,
          },
        ];
      }
      const noticeMax = figure(rows, REPLICATE_TS.key, "noticeMaxMs");
      const requests = figure(rows, REPLICATE_TS.key, "requestsMax");
      return [
        {
          target: "replicate-ts run() notices completion within 50 ms when sync mode covers it",
          met: noticeMax <= 50 && complete === total,
          measured: `${noticeMax.toFixed(1)} ms at most (${complete} of ${total} complete)`,
        },
        {
          target: `replicate-ts run() uses at most 2 requests for a ${seconds(predictionMs)} prediction`,
          met: requests <= 2,
          measured: `${requests} at most`,
        },
      ];
    },
    notes: (rows) => notesOf(rows),
    timeoutMs: 120_000,
  };
}

/** One process's runs, joined with the server's record of each prediction. */
function runFigures(report: ChildReport, server: BenchServer, runs: number) {
  const records = report.runs ?? [];
  check(records.length === runs, `${records.length} runs reported, not ${runs}`);
  const counts = server.counts();
  check(counts.refused === 0, `the server refused ${counts.refused} requests`);
  check(counts.creates === runs, `the server saw ${counts.creates} creates, not ${runs}`);
  const notices: number[] = [];
  const requests: number[] = [];
  let complete = 0;
  for (const run of records) {
    const prediction = server.prediction(run.id);
    check(prediction !== undefined, `the server has no prediction ${run.id}`);
    requests.push(prediction.requests);
    // A partial output comes back before completion: no "noticed after" for it.
    if (run.complete) {
      complete++;
      notices.push(run.returnedAt - prediction.completesAt);
    }
  }
  const sorted = [...notices].sort((a, b) => a - b);
  return {
    noticeMs: sorted.length ? sorted[Math.floor(sorted.length / 2)]! : Number.NaN,
    noticeMaxMs: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    requestsMax: Math.max(...requests),
    complete,
    runs,
  };
}

function notesOf(rows: Row[]): string[] {
  return rows
    .filter((row) => row.figures.complete!.value < row.figures.runs!.value)
    .map(
      (row) =>
        `${row.label}: run() returned a partial output (the prediction was still processing) in ${row.figures.runs!.value - row.figures.complete!.value} of ${row.figures.runs!.value} runs`,
    );
}
