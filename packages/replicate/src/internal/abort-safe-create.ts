import type { ClientContext } from "../core/resource";
import type { Predictions } from "../resources/predictions";
import type { Prediction } from "../wrappers/prediction";
import { abortErrorFrom, throwIfAborted } from "./abort";
import { type JobCreateRequest, postPrediction, withFileInputsSent } from "./prediction-request";

/** How long the cancel of a prediction its caller gave up on may take. */
const CANCEL_TIMEOUT_MS = 10_000;

/**
 * Creates a prediction for `run()` and `stream()` so that aborting can never orphan one. The
 * files of the input are uploaded under `signal`: nothing exists yet that an abort could lose.
 * The create itself is not given the signal, since aborting it mid-flight would lose the id of
 * a prediction that may already be running (and billing); the promise rejects at once instead,
 * and the prediction is canceled as soon as its id arrives. An aborted signal sends nothing.
 */
export async function createPredictionUnlessAborted<Output, Input extends object>(
  predictions: Predictions,
  context: ClientContext,
  request: JobCreateRequest,
  signal: AbortSignal | undefined,
): Promise<Prediction<Output, Input>> {
  const ready = await withFileInputsSent(context, {
    ...request,
    options: { ...request.options, signal },
  });
  throwIfAborted(signal);
  const creation = postPrediction<Output, Input>(context, {
    ...ready,
    options: { ...ready.options, signal: undefined },
  });
  return untilAborted(creation, signal, (created) => {
    if (!created.isTerminated) void cancelPredictionQuietly(predictions, context, created.id);
  });
}

/**
 * Cancels a prediction its caller gave up on. A failure is logged, not thrown: the caller is
 * already rejecting with the abort, which is what it needs to hear about.
 */
export async function cancelPredictionQuietly(
  predictions: Predictions,
  context: ClientContext,
  id: string,
): Promise<void> {
  try {
    await predictions.cancel({ id }, { timeout: CANCEL_TIMEOUT_MS });
  } catch (error) {
    context.http.logger.warn(`Could not cancel prediction ${id}`, error);
  }
}

/**
 * Settles like `work`, except that it rejects with an `AbortError` as soon as `signal` fires.
 * When that happens, `lateResult` still receives what `work` produces afterwards.
 */
function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  lateResult: (value: T) => void,
): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(abortErrorFrom(signal));
      work.then(lateResult, () => {});
    };
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
