import { InvalidArgumentError, ReplicateError } from "../core/errors";
import type { RequestOptions } from "../core/options";
import type { ClientContext } from "../core/resource";
import {
  cancelPredictionQuietly,
  createPredictionUnlessAborted,
} from "../internal/abort-safe-create";
import {
  type PredictionCreateOptions,
  predictionCreateRequest,
} from "../internal/prediction-request";
import { requireParams } from "../internal/validate";
import type { PredictionInput, PredictionReference, Predictions } from "../resources/predictions";
import { Prediction } from "../wrappers/prediction";
import { PredictionStream, type StreamOptions, type StreamSource } from "./event-stream";

/** Options of `replicate.stream()`: the model's input, how to create it, and the stream's. */
export interface StreamRunOptions<Input extends object = PredictionInput>
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
 * Creates a prediction and streams it. File inputs are uploaded first. Aborting the signal (of
 * the stream options or of the request options) cancels the prediction, as `run()` does; leaving
 * the loop with `break` only closes the stream. Bad input throws here, before anything is sent.
 */
export function streamModel<Input extends object>(
  predictions: Predictions,
  context: ClientContext,
  reference: string,
  options: StreamRunOptions<Input>,
  requestOptions?: RequestOptions,
): PredictionStream {
  const { signal, maxReconnects, ...createOptions } = requireParams(
    options,
    "stream()",
    '{ input: { prompt: "..." } } after the model',
  );
  const { signal: _requestSignal, ...otherRequestOptions } = requestOptions ?? {};
  const request = predictionCreateRequest(
    { ...createOptions, version: reference, stream: true },
    otherRequestOptions,
  );
  return new PredictionStream(
    {
      http: context.http,
      open: async (streamSignal) =>
        streamSourceOf(
          await createPredictionUnlessAborted(predictions, context, request, streamSignal),
        ),
      loadPrediction: (id) => finalState(predictions, id),
      onAbort: (source) => {
        if (source) void cancelPredictionQuietly(predictions, context, source.id);
      },
      requestOptions,
    },
    { signal, maxReconnects },
  );
}

function finalState(predictions: Predictions, id: string): Promise<Prediction> {
  return predictions.get({ id }, { timeout: FINAL_STATE_TIMEOUT_MS, maxRetries: 0 });
}
