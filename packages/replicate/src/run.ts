import { ModelError } from "./core/errors";
import type { Logger } from "./core/logger";
import type { RequestOptions } from "./core/options";
import { abortErrorFrom, throwIfAborted } from "./internal/abort";
import type { PredictionCreateOptions } from "./internal/prediction-request";
import type { PredictionInput, Predictions } from "./resources/predictions";
import type { Prediction } from "./wrappers/prediction";

/** Options of `replicate.run()`. */
export interface RunOptions<Input extends PredictionInput = PredictionInput>
  extends Omit<PredictionCreateOptions, "stream"> {
  /** The model's input. */
  input: Input;
  /**
   * Use the API's sync mode first (`Prefer: wait`): `true` for up to 60 s, or 1-60 seconds.
   * If the prediction is still running when the window ends, `run()` polls until it finishes.
   * `false` polls from the start. @default true
   */
  wait?: boolean | number | undefined;
  /** Aborting rejects `run()` with an `AbortError` and cancels the remote prediction. */
  signal?: AbortSignal | undefined;
  /** Called with each state of the prediction: logs, progress, status. */
  onProgress?: ((prediction: Prediction) => void) | undefined;
  /** Milliseconds between polls once sync mode is over. @default the client's pollingInterval */
  pollingInterval?: number | undefined;
}

/**
 * Creates a prediction, waits for it, and returns its output. A prediction that fails, is
 * canceled or aborted rejects with {@link ModelError}.
 */
export async function runPrediction<Output, Input extends PredictionInput>(
  predictions: Predictions,
  logger: Logger,
  reference: string,
  runOptions: RunOptions<Input>,
  requestOptions: RequestOptions = {},
): Promise<Prediction<Output, Input>> {
  const { input, wait = true, signal, onProgress, pollingInterval, ...createOptions } = runOptions;
  throwIfAborted(signal);
  // The create itself is not given the signal: aborting it mid-flight would lose the id of a
  // prediction that may already be running (and billing). Instead run() rejects at once and the
  // prediction is canceled as soon as its id arrives.
  const creation = predictions.create<Output, Input>(
    { version: reference, input, wait, ...createOptions },
    { ...requestOptions, signal: undefined },
  );
  const cancelRemote = (prediction: Prediction<Output, Input>) =>
    predictions
      .cancel({ id: prediction.id }, { timeout: 10_000 })
      .catch((error: unknown) =>
        logger.warn(`Could not cancel prediction ${prediction.id}`, error),
      );

  let prediction = await untilAborted(creation, signal, (created) => {
    if (!created.isTerminated) void cancelRemote(created);
  });
  onProgress?.(prediction);
  if (!prediction.isTerminated) {
    try {
      prediction = (await predictions.wait<Output>(
        prediction,
        { pollingInterval, signal, onProgress },
        requestOptions,
      )) as Prediction<Output, Input>;
    } catch (error) {
      if (signal?.aborted) await cancelRemote(prediction);
      throw error;
    }
  }
  if (!prediction.isSucceeded) throw new ModelError(prediction);
  return prediction;
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
