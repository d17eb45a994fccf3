import { isFileUrl, isReplicateError, ModelError, Prediction } from "replicate-ts";
import type { CommandContext } from "../command-kit";
import type { RunDisplay } from "../display/job-view";
import { GrowingOutputText } from "../output-text";
import { type DownloadableFile, filesIn, outputFilesOf } from "../outputs/output-files";
import type { CancelOnInterrupt } from "./cancel-on-interrupt";

/**
 * The API side of `replicate-ts run`: each flow creates the prediction, follows it to its end
 * and returns it, reporting nothing (that is `reportPrediction`'s job). None gives its signal to
 * the create request (see {@link CancelOnInterrupt}); each cancels the prediction when
 * `guard.cancel` fires.
 */

/** What a prediction is created with. */
export interface PredictionRequest {
  /** `owner/name`, `owner/name:version` or a version id. */
  model: string;
  input: Record<string, unknown>;
  /** `Cancel-After`, e.g. `5m`. */
  cancelAfter: string | undefined;
}

/** A prediction that ended, and its file outputs. */
export interface EndedPrediction {
  prediction: Prediction;
  files: DownloadableFile[];
}

/**
 * Runs the model with the SDK's `run()`, showing each state on `display`: `wait` seconds of
 * `Prefer: wait` first, or polling from the start. File outputs are `run()`'s `FileOutput`s.
 */
export async function runToEnd(
  context: CommandContext,
  request: PredictionRequest,
  wait: number | undefined,
  guard: CancelOnInterrupt,
  display: RunDisplay,
): Promise<EndedPrediction> {
  let latest: Prediction | undefined;
  guard.creating();
  try {
    const output = await context.replicate.run(request.model, {
      input: request.input,
      wait: wait ?? false,
      cancelAfter: request.cancelAfter,
      signal: guard.cancel,
      onProgress: (prediction) => {
        latest = prediction;
        guard.created();
        display.update(prediction);
      },
    });
    // run() hands every state to onProgress, the final one included.
    return { prediction: latest!, files: filesIn(output) };
  } catch (error) {
    if (error instanceof ModelError && error.prediction instanceof Prediction) {
      return { prediction: error.prediction, files: [] };
    }
    if (guard.cancel.aborted && isReplicateError(error) && error.name === "AbortError" && latest) {
      // run() has canceled it: its final state says how it ended.
      const known = latest;
      const prediction = await context.replicate.predictions
        .get({ id: known.id })
        .catch(() => known);
      return { prediction, files: [] };
    }
    throw error;
  }
}

/**
 * Prints the model's text output to stdout as it is generated, from the prediction's
 * server-sent events; a model without a stream URL is followed by polling instead, printing its
 * output as it grows. Ends the text with a newline.
 */
export async function streamToEnd(
  context: CommandContext,
  request: PredictionRequest,
  guard: CancelOnInterrupt,
): Promise<EndedPrediction> {
  const { replicate, io } = context;
  guard.creating();
  const created = await replicate.predictions.create({
    version: request.model,
    input: request.input,
    cancelAfter: request.cancelAfter,
    stream: true,
  });
  guard.created();
  const signal = guard.cancel;
  try {
    if (signal.aborted) {
      // Ctrl-C came during the create: nothing to stream.
    } else if (created.urls.stream) {
      for await (const events of replicate.predictions.stream(created, { signal }).batches()) {
        for (const event of events) {
          // File URLs are not text: they are saved, or printed, once the prediction has ended.
          if (event.event === "output" && !isFileUrl(event.data)) io.stdout.write(event.data);
        }
      }
    } else {
      const text = new GrowingOutputText();
      const print = (prediction: Prediction) => {
        const added = text.push(prediction.output);
        if (added) io.stdout.write(added);
      };
      print(created);
      await replicate.predictions.wait(created, { signal, onProgress: print });
    }
  } catch (error) {
    // A ModelError only says that it did not succeed: the final state below says how.
    if (!signal.aborted && !(error instanceof ModelError)) throw error;
  }
  if (signal.aborted) await replicate.predictions.cancel({ id: created.id });
  const prediction = await replicate.predictions.wait(created);
  io.stdout.write("\n");
  return { prediction, files: outputFilesOf(context, prediction) };
}

/**
 * Creates the prediction and returns it at once (`--no-wait`). If Ctrl-C came during the create,
 * the prediction is canceled as soon as its id is known, and returned canceled.
 */
export async function createOnly(
  context: CommandContext,
  request: PredictionRequest,
  guard: CancelOnInterrupt,
): Promise<Prediction> {
  guard.creating();
  const prediction = await context.replicate.predictions.create({
    version: request.model,
    input: request.input,
    cancelAfter: request.cancelAfter,
  });
  guard.created();
  if (!guard.cancel.aborted) return prediction;
  return context.replicate.predictions.cancel({ id: prediction.id });
}
