import type { Clock } from "../clock";
import { randomVersionId } from "../ids";
import type { TrainedVersion } from "../models/types";
import type { EmulatorStore } from "../store/index";
import type { JobRecord } from "../store/jobs";

/**
 * What a successful training does, as on Replicate: pushes a new version to the destination model
 * and reports it as `output.version` (`owner/name:version_id`) with the weights URL.
 */
export function completeTraining(
  store: EmulatorStore,
  job: JobRecord,
  trained: TrainedVersion,
  clock: Clock,
): { version: string; weights: string } {
  const destination = job.destination ?? job.model;
  const id = randomVersionId();
  store.versions.add({
    id,
    model: destination,
    sequence: store.nextSequence(),
    createdAt: clock.now(),
    cogVersion: "0.13.7",
    openapiSchema: trained.openapiSchema,
    behaviour: trained.behaviour,
    trainer: undefined,
  });
  const { bytes, ...file } = trained.weights;
  return { version: `${destination}:${id}`, weights: store.deliveries.publish(bytes, file) };
}
