import { formatDuration } from "./format";

/** What the one-line summary of a finished prediction or training says. */
export interface JobSummary {
  /** What ran, e.g. `replicate/hello-world` or `training <id>`. */
  title: string;
  status: string;
  /** How long it ran, in milliseconds; left out when unknown. */
  took: number | undefined;
  /** The model's own time in seconds (`metrics.predict_time`), if known. */
  modelTime?: number | undefined;
  /** Which job, e.g. `prediction <id>`. */
  reference?: string | undefined;
  error?: unknown;
}

/**
 * One line: what ran, how it ended, how long it took, and which job it was, e.g.
 * `replicate/hello-world succeeded in 1.2s, model time 0.3s (prediction abc): <error>`.
 */
export function summaryLine(job: JobSummary): string {
  const took = job.took === undefined ? "" : ` in ${formatDuration(job.took)}`;
  const modelTime =
    job.modelTime === undefined ? "" : `, model time ${formatDuration(job.modelTime * 1000)}`;
  const reference = job.reference === undefined ? "" : ` (${job.reference})`;
  const base = `${job.title} ${job.status}${took}${modelTime}${reference}`;
  return job.error ? `${base}: ${String(job.error)}` : base;
}

/**
 * How long a job ran by the API's own clock (creation to completion), in milliseconds: what a
 * command that only watched it can tell, since its own watch time is not the job's run time.
 */
export function runTimeOf(job: {
  createdAt?: Date | undefined;
  completedAt?: Date | undefined;
}): number | undefined {
  if (!job.createdAt || !job.completedAt) return undefined;
  const took = job.completedAt.getTime() - job.createdAt.getTime();
  return Number.isFinite(took) && took >= 0 ? took : undefined;
}
