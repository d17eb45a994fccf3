import { ModelError } from "./core/errors";
import type { RequestOptions } from "./core/options";
import type { ClientContext } from "./core/resource";
import { abortErrorFrom, throwIfAborted } from "./internal/abort";
import { prepareFileInputs } from "./internal/file-inputs";
import type { PredictionCreateOptions } from "./internal/prediction-request";
import type { PredictionInput, Predictions } from "./resources/predictions";
import { withFileOutputs } from "./wrappers/file-output";
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
  /**
   * Give file URLs in the output (absolute `http(s)` URLs and `data:` URIs) back as lazy
   * `FileOutput`s; `false` keeps them as strings. @default the client's `useFileOutput` (true)
   */
  useFileOutput?: boolean | undefined;
}

/**
 * What `replicate.run()` returns: the output of {@link runPrediction}, with file URLs turned
 * into `FileOutput`s unless `useFileOutput` is false.
 */
export async function runModel<Output, Input extends PredictionInput>(
  predictions: Predictions,
  context: ClientContext,
  reference: string,
  runOptions: RunOptions<Input>,
  requestOptions?: RequestOptions,
): Promise<Output> {
  const prediction = await runPrediction<Output, Input>(
    predictions,
    context,
    reference,
    runOptions,
    requestOptions,
  );
  const useFileOutput = runOptions.useFileOutput ?? context.useFileOutput;
  return (
    useFileOutput ? withFileOutputs(prediction.output, context.http) : prediction.output
  ) as Output;
}

/**
 * Creates a prediction, waits for it, and returns its output. A prediction that fails, is
 * canceled or aborted rejects with {@link ModelError}.
 */
export async function runPrediction<Output, Input extends PredictionInput>(
  predictions: Predictions,
  context: ClientContext,
  reference: string,
  runOptions: RunOptions<Input>,
  requestOptions: RequestOptions = {},
): Promise<Prediction<Output, Input>> {
  const {
    input: givenInput,
    wait = true,
    signal,
    onProgress,
    pollingInterval,
    useFileOutput: _useFileOutput,
    ...createOptions
  } = runOptions;
  const logger = context.http.logger;
  throwIfAborted(signal);
  // Files are uploaded here, where the signal may still stop them: nothing has been created yet.
  const input = await prepareFileInputs(
    context,
    givenInput,
    createOptions.fileEncodingStrategy,
    signal,
  );
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
