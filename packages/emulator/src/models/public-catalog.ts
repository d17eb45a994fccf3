import type { ModelDefinition } from "./types";

/**
 * Loads Replicate's public model catalogue from the optional `all-the-public-replicate-models`
 * package. Not implemented yet.
 */
export async function loadPublicCatalog(): Promise<ModelDefinition[]> {
  throw new Error(
    'The "public" catalog needs the all-the-public-replicate-models package, which this emulator cannot load yet.',
  );
}
