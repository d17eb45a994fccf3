import { CollectionStore } from "./collections";
import { DeliveryStore } from "./deliveries";
import { DeploymentStore } from "./deployments";
import { FileStore } from "./files";
import { ModelStore } from "./models";
import { PredictionStore } from "./predictions";
import { TrainingStore } from "./trainings";
import { VersionStore } from "./versions";

/**
 * All of the emulator's state, one store per entity. Tests may read it (e.g.
 * `emulator.store.predictions.get(id)`); changing it directly bypasses the API's rules.
 */
export class EmulatorStore {
  readonly predictions = new PredictionStore();
  readonly trainings = new TrainingStore();
  readonly models = new ModelStore();
  readonly versions = new VersionStore();
  readonly collections = new CollectionStore();
  readonly deployments = new DeploymentStore();
  readonly files = new FileStore();
  readonly deliveries = new DeliveryStore();
  #sequence = 0;

  /** The next number in the store-wide creation order. */
  nextSequence(): number {
    this.#sequence += 1;
    return this.#sequence;
  }

  /** Forgets everything (the caller re-seeds the built-in models). */
  clear(): void {
    this.predictions.clear();
    this.trainings.clear();
    this.models.clear();
    this.versions.clear();
    this.collections.clear();
    this.deployments.clear();
    this.files.clear();
    this.deliveries.clear();
  }
}
