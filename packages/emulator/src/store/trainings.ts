import { JobStore } from "./jobs";

/** The account's trainings, by id. Trainings share the job shape with predictions. */
export class TrainingStore extends JobStore {
  /** Trainings of a version, which keep it from being deleted. */
  byVersion(versionId: string) {
    return this.list().filter((job) => job.version === versionId);
  }
}
