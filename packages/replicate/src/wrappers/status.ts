import type { components } from "../generated/openapi";

/** The status of a prediction or training, as the API reports it. */
export type PredictionStatus = components["schemas"]["schemas_prediction_response"]["status"];

/** Every status a prediction or training can have, in lifecycle order. */
export const PREDICTION_STATUSES: readonly PredictionStatus[] = [
  "starting",
  "processing",
  "succeeded",
  "failed",
  "canceled",
  "aborted",
];

const TERMINAL_STATUSES: ReadonlySet<string> = new Set([
  "succeeded",
  "failed",
  "canceled",
  "aborted",
]);

/**
 * Whether a status is final. `aborted` (stopped before it started, e.g. by `Cancel-After`) is
 * final too, which several clients forget and then poll forever.
 */
export function isTerminalStatus(status: string): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** Status helpers shared by predictions and trainings. */
export abstract class JobStatusHelpers {
  abstract readonly status: PredictionStatus;

  /** Whether the job reached a final status: succeeded, failed, canceled or aborted. */
  get isTerminated(): boolean {
    return isTerminalStatus(this.status);
  }
  /** Whether the job is starting or processing. */
  get isRunning(): boolean {
    return !this.isTerminated;
  }
  /** Whether the job is still starting (queued or booting). */
  get isStarting(): boolean {
    return this.status === "starting";
  }
  /** Whether the model is running the job now. */
  get isProcessing(): boolean {
    return this.status === "processing";
  }
  /** Whether the job succeeded. */
  get isSucceeded(): boolean {
    return this.status === "succeeded";
  }
  /** Whether the job failed (see `error`). */
  get isFailed(): boolean {
    return this.status === "failed";
  }
  /** Whether the job was canceled while running. */
  get isCanceled(): boolean {
    return this.status === "canceled";
  }
  /** Whether the job was stopped before it started. */
  get isAborted(): boolean {
    return this.status === "aborted";
  }
}
