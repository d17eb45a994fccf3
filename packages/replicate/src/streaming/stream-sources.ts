import { InvalidArgumentError, ReplicateError } from "../core/errors";
import type { RequestOptions } from "../core/options";
import type { ClientContext } from "../core/resource";
import { abortErrorFrom } from "../internal/abort";
import { prepareFileInputs } from "../internal/file-inputs";
import type { PredictionCreateOptions } from "../internal/prediction-request";
import type { PredictionInput, PredictionReference, Predictions } from "../resources/predictions";
import { Prediction } from "../wrappers/prediction";
import { PredictionStream, type StreamOptions, type StreamSource } from "./event-stream";

/** Options of `replicate.stream()`: the model's input, how to create it, and the stream's. */
export interface StreamRunOptions<Input extends PredictionInput = PredictionInput>
  extends Omit<PredictionCreateOptions, "stream" | "wait">,
    StreamOptions {
  /** The model's input. */
  input: Input;
}

/** Waiting for the final state of a failed stream's prediction takes at most this long. */
const FINAL_STATE_TIMEOUT_MS = 10_000;

/** The stream URL of a prediction, or an error saying it has none. */
export function streamSourceOf(prediction: Prediction): StreamSource {
  if (!prediction.urls.stream) {
    throw new ReplicateError(
      `Prediction ${prediction.id} has no stream URL: its model does not stream output. Use run() or predictions.wait() instead.`,
    );
  }
  return { id: prediction.id, url: prediction.urls.stream };
}

/** The stream of an existing prediction; one without its stream URL is fetched first. */
export function streamOfPrediction(
  predictions: Predictions,
  context: ClientContext,
  prediction: PredictionReference | Prediction,
  options: StreamOptions = {},
  requestOptions?: RequestOptions,
): PredictionStream {
  if (typeof prediction?.id !== "string" || prediction.id.trim() === "") {
    throw new InvalidArgumentError(
      "predictions.stream() takes { id } or a Prediction, e.g. predictions.stream({ id: prediction.id }).",
    );
  }
  const { id } = prediction;
  return new PredictionStream(
    {
      http: context.http,
      open: async (signal) =>
        streamSourceOf(
          prediction instanceof Prediction && prediction.urls.stream
            ? prediction
            : await predictions.get({ id }, { ...requestOptions, signal }),
        ),
      loadPrediction: (predictionId) => finalState(predictions, predictionId),
      requestOptions,
    },
    options,
  );
}

/**
 * Creates a prediction and streams it. File inputs are uploaded first. Aborting the signal
 * cancels the prediction (as `run()` does); leaving the loop with `break` only closes the stream.
 */
export function streamModel<Input extends PredictionInput>(
  predictions: Predictions,
  context: ClientContext,
  reference: string,
  options: StreamRunOptions<Input>,
  requestOptions?: RequestOptions,
): PredictionStream {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(
      'stream() takes the model and { input }, e.g. replicate.stream("owner/model", { input: { prompt: "..." } }).',
    );
  }
  const { input, signal, maxReconnects, ...createOptions } = options;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new InvalidArgumentError(
      'input must be an object of the model\'s input fields, e.g. { input: { prompt: "a cat" } }.',
    );
  }
  const cancel = (id: string) =>
    predictions
      .cancel({ id }, { timeout: FINAL_STATE_TIMEOUT_MS })
      .catch((error: unknown) =>
        context.http.logger.warn(`Could not cancel prediction ${id}`, error),
      );
  return new PredictionStream(
    {
      http: context.http,
      open: async (streamSignal) => {
        const prepared = await prepareFileInputs(
          context,
          input,
          createOptions.fileEncodingStrategy,
          streamSignal,
        );
        // As in run(), the create is not aborted mid-flight: that would lose the id of a
        // prediction that may already be running. It is canceled once created instead.
        const created = await predictions.create(
          { ...createOptions, version: reference, input: prepared, stream: true },
          { ...requestOptions, signal: undefined },
        );
        if (signal?.aborted) {
          await cancel(created.id);
          throw abortErrorFrom(signal);
        }
        return streamSourceOf(created);
      },
      loadPrediction: (id) => finalState(predictions, id),
      onAbort: (source) => {
        if (source) void cancel(source.id);
      },
      requestOptions,
    },
    { signal, maxReconnects },
  );
}

function finalState(predictions: Predictions, id: string): Promise<Prediction> {
  return predictions.get({ id }, { timeout: FINAL_STATE_TIMEOUT_MS, maxRetries: 0 });
}
