/** The parent's view of a workload: who runs it, what is shown, and how it is judged. */
import type { ClientName, StreamStyle } from "../adapters/types";
import type { ChildReport, Job } from "../measure/jobs";
import type { BenchServer, Scenario } from "../server";

/** One row of a workload's table: a client, or a way of using one. */
export interface Contender {
  key: string;
  client: ClientName;
  style?: StreamStyle;
  /** Hand the client a `fetch` of its own (see `AdapterContext.ownFetch`). */
  ownFetch?: boolean;
  label: string;
}

/** A figure shown in a table column. */
export interface MetricSpec {
  key: string;
  label: string;
  unit: string;
  digits: number;
  /** How the repetitions' values become the figure. @default "median" */
  aggregate?: "median" | "sum" | "max";
  /** Whether the column shows a ratio to bare fetch. @default true */
  ratio?: boolean;
}

export interface Figure {
  value: number;
  /** Each repetition's value. */
  values: number[];
  /** `value` divided by bare fetch's, when shown. */
  ratioToFetch?: number;
}

export interface Row {
  contender: string;
  label: string;
  repetitions: number;
  figures: Record<string, Figure>;
}

export interface TargetResult {
  target: string;
  met: boolean;
  measured: string;
}

export interface WorkloadResult {
  id: string;
  title: string;
  setup: string;
  metrics: MetricSpec[];
  rows: Row[];
  targets: TargetResult[];
  notes: string[];
  seconds: number;
}

/** A workload whose contenders each run in child processes against the loopback server. */
export interface ProcessWorkload {
  id: Job["workload"] | "run-window";
  title: string;
  /** What is done, with the sizes of this mode. */
  setup: string;
  scenario: Partial<Scenario>;
  contenders: Contender[];
  repetitions: number;
  /** Fewer repetitions for a contender too slow for the full count (said in the notes). */
  repetitionsOf?: (contender: Contender) => number;
  metrics: MetricSpec[];
  job(contender: Contender, origin: string): Job;
  /** Checks a child's report against the server's counts and gives that repetition's figures. */
  figures(report: ChildReport, server: BenchServer, contender: Contender): Record<string, number>;
  targets(rows: Row[]): TargetResult[];
  notes?: (rows: Row[]) => string[];
  /** Longest a child may take before it is killed (and the workload fails). */
  timeoutMs: number;
}
