import { WEB_ORIGIN } from "../http/urls";
import type { CollectionRecord } from "../store/collections";
import type { EmulatorStore } from "../store/index";
import type { JobRecord } from "../store/jobs";
import type { ModelRecord } from "../store/models";
import type { VersionRecord } from "../store/versions";
import { toPredictionWire } from "./prediction";
import { isoTime } from "./time";
import type { CollectionListItemWire, CollectionWire, ModelWire, VersionWire } from "./types";

/** A version as the API returns it. */
export function toVersionWire(version: VersionRecord): VersionWire {
  return {
    id: version.id,
    created_at: isoTime(version.createdAt),
    cog_version: version.cogVersion,
    openapi_schema: version.openapiSchema,
  };
}

/** A model as the API returns it, with its latest version and default example. */
export function toModelWire(model: ModelRecord, store: EmulatorStore, origin: string): ModelWire {
  const latest = store.versions.latest(model.owner, model.name);
  const example = model.examples[0];
  return {
    url: `${WEB_ORIGIN}/${model.owner}/${model.name}`,
    owner: model.owner,
    name: model.name,
    description: model.description,
    visibility: model.visibility,
    github_url: model.githubUrl,
    paper_url: model.paperUrl,
    license_url: model.licenseUrl,
    cover_image_url: model.coverImageUrl,
    run_count: model.runCount,
    is_official: model.isOfficial,
    default_example: example ? toPredictionWire(example, origin) : null,
    latest_version: latest ? toVersionWire(latest) : null,
  };
}

/** A collection in a list: name, slug and description. */
export function toCollectionListItemWire(collection: CollectionRecord): CollectionListItemWire {
  return { name: collection.name, slug: collection.slug, description: collection.description };
}

/** A collection with its models. */
export function toCollectionWire(
  collection: CollectionRecord,
  store: EmulatorStore,
  origin: string,
): CollectionWire {
  return {
    ...toCollectionListItemWire(collection),
    full_description: collection.fullDescription,
    models: collection.models
      .map((ref) => store.models.getByRef(ref))
      .filter((model): model is ModelRecord => model !== undefined)
      .map((model) => toModelWire(model, store, origin)),
  };
}

/** Several predictions as the API returns them. */
export function toPredictionWireList(jobs: readonly JobRecord[], origin: string) {
  return jobs.map((job) => toPredictionWire(job, origin));
}
