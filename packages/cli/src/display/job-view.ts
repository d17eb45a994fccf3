import type { Progress } from "replicate-ts";

/** What a display shows of a prediction or training: both have these fields. */
export interface JobView {
  readonly id?: string | undefined;
  readonly status: string;
  readonly logs?: string | null | undefined;
  /** The latest tqdm-style progress in the logs (the SDK's `prediction.progress`). */
  readonly progress?: Progress | undefined;
}

/** How a job ended, for the last line of a display. */
export type Outcome = "succeeded" | "failed" | "canceled";

/**
 * Shows a running job: status, elapsed time, new log lines and progress. One implementation
 * draws on a terminal; the other stays silent (for pipes, CI logs and `--json`).
 */
export interface RunDisplay {
  /** Shows a new snapshot of the job. */
  update(job: JobView): void;
  /** Prints a line of commentary above the display (e.g. "Canceling..."). */
  note(message: string): void;
  /** Stops drawing and leaves one summary line. Safe to call more than once. */
  finish(outcome: Outcome, summary: string): void;
}

/** A display that shows nothing. */
export class SilentRunDisplay implements RunDisplay {
  update(): void {}
  note(): void {}
  finish(): void {}
}
