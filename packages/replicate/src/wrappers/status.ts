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
