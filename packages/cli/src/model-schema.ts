import type { Replicate } from "replicate-ts";
import type { ModelReference } from "./model-reference";

/**
 * The OpenAPI schema of the version a reference points at: the named version, or the model's
 * latest. A bare version id has no endpoint of its own, so it gives `undefined`.
 */
export async function fetchVersionSchema(
  replicate: Replicate,
  reference: ModelReference,
  signal?: AbortSignal,
): Promise<Record<string, unknown> | undefined> {
  const { owner, name, version } = reference;
  if (owner === undefined || name === undefined) return undefined;
  const options = signal ? { signal } : undefined;
  if (version !== undefined) {
    const found = await replicate.models.version(
      { modelOwner: owner, modelName: name, versionId: version },
      options,
    );
    return found.openapiSchema;
  }
  const model = await replicate.models.get({ modelOwner: owner, modelName: name }, options);
  return model.latestVersion?.openapiSchema;
}
