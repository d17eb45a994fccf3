import { JobStore } from "./jobs";

/** The account's predictions (and models' example predictions), by id. */
export class PredictionStore extends JobStore {
  /** The prediction whose stream URL carries this capability token. */
  byStreamToken(token: string) {
    return this.list().find((job) => job.streamToken === token);
  }

  /** Predictions made with a version, for deleting the version with them. */
  byVersion(versionId: string) {
    return this.list().filter((job) => job.version === versionId);
  }
}
