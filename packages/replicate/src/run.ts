import { ModelError } from "./core/errors";
import type { RequestOptions } from "./core/options";
import type { ClientContext } from "./core/resource";
import { combineSignals, sleep } from "./internal/abort";
import {
  cancelPredictionQuietly,
  createPredictionUnlessAborted,
} from "./internal/abort-safe-create";
import {
  type PredictionCreateOptions,
  predictionCreateRequest,
} from "./internal/prediction-request";
import { requireParams } from "./internal/validate";
import type { PredictionInput, Predictions } from "./resources/predictions";
import { withFileOutputs } from "./wrappers/file-output";
import type { Prediction } from "./wrappers/prediction";

/** Options of `replicate.run()`. */
export interface RunOptions<Input extends object = PredictionInput>
  extends Omit<PredictionCreateOptions, "stream"> {
  /** The model's input. */
  input: Input;
  /**
   * Use the API's sync mode first (`Prefer: wait`): `true` for up to 60 s, or 1-60 seconds.
   * If the prediction is still running when the window ends, `run()` polls until it finishes.
   * `false` polls from the start. @default true
   */
  wait?: boolean | number | undefined;
  /**
   * Aborting rejects `run()` with an `AbortError` and cancels the remote prediction. A `signal`
   * in the request options (the last argument) does the same: whichever fires first.
   */
  signal?: AbortSignal | undefined;
  /** Called with each state of the prediction: logs, progress, status. */
  onProgress?: ((prediction: Prediction<unknown, Input>) => void) | undefined;
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
export async function runModel<Output, Input extends object>(
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
 * canceled or aborted rejects with {@link ModelError}. The signal of the run options and the one
 * of the request options both abort it; the remote prediction is then canceled.
 */
export async function runPrediction<Output, Input extends object>(
  predictions: Predictions,
  context: ClientContext,
  reference: string,
  runOptions: RunOptions<Input>,
  requestOptions: RequestOptions = {},
): Promise<Prediction<Output, Input>> {
  const {
    input,
    wait = true,
    signal: runSignal,
    onProgress,
    pollingInterval,
    useFileOutput: _useFileOutput,
    ...createOptions
  } = requireParams(runOptions, "run()", '{ input: { prompt: "..." } } after the model');
  const { signal: requestSignal, ...otherRequestOptions } = requestOptions;
  const request = predictionCreateRequest(
    { version: reference, input, wait, ...createOptions },
    otherRequestOptions,
  );
  const { signal, dispose } = combineSignals(runSignal, requestSignal);
  try {
    let prediction = await createPredictionUnlessAborted<Output, Input>(
      predictions,
      context,
      request,
      signal,
    );
    onProgress?.(prediction);
    if (!prediction.isTerminated) {
      try {
        // The create has just answered with the prediction's state: the first poll comes one
        // interval later, as the next would, since polling at once only fetches that state again.
        await sleep(pollingInterval ?? context.pollingInterval, signal);
        prediction = (await predictions.wait<Output, Input>(
          prediction,
          { pollingInterval, signal, onProgress },
          otherRequestOptions,
        )) as Prediction<Output, Input>;
      } catch (error) {
        if (signal?.aborted) await cancelPredictionQuietly(predictions, context, prediction.id);
        throw error;
      }
    }
    if (!prediction.isSucceeded) throw new ModelError(prediction);
    return prediction;
  } finally {
    dispose();
  }
}
