import type { RequestOptions } from "../core/options";
import type { PagePromise } from "../core/page";
import { Resource } from "../core/resource";
import { path, requireSegment } from "../internal/path";
import {
  pollSnapshots,
  type SnapshotOptions,
  type WaitOptions,
  waitUntilTerminated,
} from "../internal/polling";
import {
  buildTrainingCreateRequest,
  sendTrainingCreate,
  type TrainingCreateParams,
} from "../internal/training-request";
import { requireParams } from "../internal/validate";
import { ReplicateTraining, type TrainingWire } from "../wrappers/training";

/** Names a training: `{ trainingId }`. */
export interface TrainingReference {
  /** The training's id, as `trainings.create()` and `trainings.list()` give it. */
  trainingId: string;
}

const TRAINING_SHAPE = "{ trainingId }";

/** Trainings: fine-tune a model version into a new version of one of your models. */
export class Trainings extends Resource {
  /**
   * Starts a training. When it succeeds, `output.version` is a new version of `destination`.
   * @example
   * const training = await replicate.trainings.create({
   *   modelOwner: "stability-ai", modelName: "sdxl", versionId: "39ed52f2...",
   *   destination: "alice/my-sdxl", input: { input_images: "https://example.com/images.zip" },
   * });
   */
  async create<Input extends object = Record<string, unknown>>(
    params: TrainingCreateParams<Input>,
    options?: RequestOptions,
  ): Promise<ReplicateTraining> {
    return sendTrainingCreate(this.context, buildTrainingCreateRequest(params, options));
  }

  /** Gets a training's current state. */
  async get(params: TrainingReference, options?: RequestOptions): Promise<ReplicateTraining> {
    const wire = await this.http.json<TrainingWire>({
      method: "GET",
      path: path`/trainings/${trainingId(params, "trainings.get()")}`,
      options,
    });
    return new ReplicateTraining(wire);
  }

  /** Cancels a training; canceling one that already ended is harmless. */
  async cancel(params: TrainingReference, options?: RequestOptions): Promise<ReplicateTraining> {
    const wire = await this.http.json<TrainingWire>({
      method: "POST",
      path: path`/trainings/${trainingId(params, "trainings.cancel()")}/cancel`,
      // Canceling twice has the same effect as canceling once, so it is safe to retry.
      idempotent: true,
      options,
    });
    return new ReplicateTraining(wire);
  }

  /** Lists your trainings, newest first; iterate it to walk every page. */
  list(options?: RequestOptions): PagePromise<ReplicateTraining> {
    return this.paginate(
      "/trainings",
      undefined,
      (wire: TrainingWire) => new ReplicateTraining(wire),
      options,
    );
  }

  /**
   * Watches a training by polling, like `predictions.snapshots()`: yields its first state at
   * once, then each change of status, and ends after a terminal state. Leaving the loop stops
   * the polling.
   */
  async *snapshots(
    params: TrainingReference & SnapshotOptions,
    options?: RequestOptions,
  ): AsyncGenerator<ReplicateTraining, void, undefined> {
    const id = trainingId(params, "trainings.snapshots()");
    yield* pollSnapshots(
      (signal) => this.get({ trainingId: id }, { ...options, signal }),
      this.context.pollingInterval,
      params,
      options?.signal,
    );
  }

  /**
   * Resolves once the training succeeded, failed, was canceled or aborted, with its final
   * state. It does not throw for an unsuccessful training: check `isSucceeded`.
   */
  async wait(
    training: TrainingReference | ReplicateTraining,
    waitOptions: WaitOptions<ReplicateTraining> = {},
    options?: RequestOptions,
  ): Promise<ReplicateTraining> {
    const id =
      training instanceof ReplicateTraining
        ? requireSegment(training.id, "training.id")
        : trainingId(training, "trainings.wait()");
    return waitUntilTerminated(
      training instanceof ReplicateTraining ? training : undefined,
      (signal) => this.get({ trainingId: id }, { ...options, signal }),
      this.context.pollingInterval,
      waitOptions,
      options?.signal,
    );
  }
}

function trainingId(params: TrainingReference, call: string): string {
  return requireSegment(requireParams(params, call, TRAINING_SHAPE).trainingId, "trainingId");
}
