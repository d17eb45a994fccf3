import type { RequestOptions } from "../core/options";
import type { ClientContext } from "../core/resource";
import { ReplicateTraining, type TrainingWire } from "../wrappers/training";
import { path, requireSegment } from "./path";
import {
  type JobCreateRequest,
  type PredictionCreateOptions,
  webhookFields,
  withFileInputsSent,
} from "./prediction-request";
import { parseModelReference, requireObject, requireParams } from "./validate";

/** Parameters of `trainings.create()`. */
export interface TrainingCreateParams<Input extends object = Record<string, unknown>>
  extends Pick<
    PredictionCreateOptions,
    "webhook" | "webhookEventsFilter" | "webhookCompleted" | "fileEncodingStrategy"
  > {
  /** The owner of the model to train. */
  modelOwner: string;
  /** The name of the model to train. */
  modelName: string;
  /** The id of the version to train. */
  versionId: string;
  /** `owner/name` of an existing model of yours; the trained version is pushed there. */
  destination: string;
  /** The inputs of the model's `train()` function. */
  input: Input;
}

/** Builds the request of `POST /models/{owner}/{name}/versions/{id}/trainings`, validating it. */
export function buildTrainingCreateRequest(
  params: TrainingCreateParams<object>,
  options: RequestOptions | undefined,
): JobCreateRequest {
  const given = requireParams(
    params,
    "trainings.create()",
    "{ modelOwner, modelName, versionId, destination, input }",
  );
  const owner = requireSegment(given.modelOwner, "modelOwner");
  const name = requireSegment(given.modelName, "modelName");
  const versionId = requireSegment(given.versionId, "versionId");
  parseModelReference(given.destination, "destination");
  requireObject(given.input, "input", '{ input: { input_images: "https://..." } }');
  return {
    method: "POST",
    path: path`/models/${owner}/${name}/versions/${versionId}/trainings`,
    body: { destination: given.destination, input: given.input, ...webhookFields(given) },
    fileEncodingStrategy: given.fileEncodingStrategy,
    options,
  };
}

/**
 * Sends a training create request and wraps the answer. Every training is created through here,
 * so that what applies to all of them (such as uploading file inputs) is done in one place.
 */
export async function sendTrainingCreate(
  context: ClientContext,
  request: JobCreateRequest,
): Promise<ReplicateTraining> {
  const ready = await withFileInputsSent(context, request);
  return new ReplicateTraining(await context.http.json<TrainingWire>(ready));
}
