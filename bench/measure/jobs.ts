/**
 * What the parent asks a child process to do, and what the child reports back. One child runs one
 * workload with one client, so that its memory figures are that client's alone.
 */
import type { ClientName, StreamStyle } from "../adapters/types";

interface JobBase {
  client: ClientName;
  origin: string;
  token: string;
  /** See `AdapterContext.ownFetch`. */
  ownFetch?: boolean | undefined;
}

export type Job =
  | (JobBase & { workload: "round-trips"; calls: number; warmup: number })
  | (JobBase & { workload: "concurrency"; creates: number; inFlight: number; warmup: number })
  | (JobBase & { workload: "run"; runs: number; staggerMs: number; outputTokens: number })
  | (JobBase & {
      workload: "sse";
      style: StreamStyle;
      events: number;
      warmupPasses: number;
      passes: number;
    })
  | (JobBase & { workload: "pagination"; pages: number; pageSize: number })
  | (JobBase & { workload: "upload"; path: string; bytes: number });

export type WorkloadId = Job["workload"];

/** One `run()` as the child saw it; the parent adds the server's side. */
export interface RunRecord {
  id: string;
  /** When `run()` returned, in `performance.timeOrigin + performance.now()` milliseconds. */
  returnedAt: number;
  /** Whether the output was the finished prediction's whole output. */
  complete: boolean;
}

/** A child's figures: numbers, plus the runs of the `run` workload. */
export interface ChildReport {
  figures: Record<string, number>;
  runs?: RunRecord[];
  /** The file `replicate-ts` resolved to in the child, to show the built package was measured. */
  resolved?: string;
}
