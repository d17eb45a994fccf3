import { ApiProblem, notFound } from "../problem";
import type { EmulatorStore } from "../store/index";
import type { ModelRecord } from "../store/models";
import type { VersionRecord } from "../store/versions";

/** The model `owner/name`, or a 404. */
export function requireModel(store: EmulatorStore, owner: string, name: string): ModelRecord {
  const model = store.models.get(owner, name);
  if (!model) throw notFound(`Model ${owner}/${name} not found.`);
  return model;
}

/** A version of the model, or a 404. */
export function requireVersion(
  store: EmulatorStore,
  model: ModelRecord,
  versionId: string,
): VersionRecord {
  const version = store.versions.get(versionId);
  if (!version || version.model.toLowerCase() !== `${model.owner}/${model.name}`.toLowerCase()) {
    throw notFound(`Version ${versionId} of ${model.owner}/${model.name} not found.`);
  }
  return version;
}

/** 403 unless the account owns the model (it created it through the API). */
export function requireOwnership(model: ModelRecord, action: string): void {
  if (!model.ownedByAccount) {
    throw new ApiProblem(
      403,
      `You can only ${action} models you own; ${model.owner}/${model.name} is not yours.`,
    );
  }
}
