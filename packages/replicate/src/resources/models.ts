import { InvalidArgumentError } from "../core/errors";
import type { RequestOptions } from "../core/options";
import type { PagePromise } from "../core/page";
import { Resource } from "../core/resource";
import { path, requireSegment } from "../internal/path";
import {
  definedFields,
  oneOf,
  optionalOneOf,
  optionalText,
  requireParams,
  requireText,
} from "../internal/validate";
import type { ModelsCollection } from "../wrappers/collection";
import { type ModelVisibility, type ModelWire, ReplicateModel } from "../wrappers/model";
import { ModelVersion, type ModelVersionWire } from "../wrappers/model-version";
import { Prediction, type PredictionWire } from "../wrappers/prediction";
import { type CollectionReference, Collections } from "./collections";
import { ModelPredictions } from "./model-predictions";

/** Names a model: `{ modelOwner: "replicate", modelName: "hello-world" }`. */
export interface ModelReference {
  /** The user or organization that owns the model. */
  modelOwner: string;
  /** The model's name. */
  modelName: string;
}

/** Names one version of a model. */
export interface ModelVersionReference extends ModelReference {
  /** The 64-character version id. */
  versionId: string;
}

/** Parameters of `models.create()`. */
export interface ModelCreateParams {
  /** Your username or organization: it must own the API token. */
  owner: string;
  /** Unique among the owner's models, e.g. `hot-dog-detector`. */
  name: string;
  /** `public` models can be seen and run by anyone; `private` ones only by the owner. */
  visibility: ModelVisibility;
  /** The hardware SKU the model runs on, e.g. `cpu` or `gpu-t4` (see `hardware.list()`). */
  hardware: string;
  /** What the model does, in a sentence. */
  description?: string | undefined;
  /** The model's source code on GitHub. */
  githubUrl?: string | undefined;
  /** An image shown for the model on replicate.com. */
  coverImageUrl?: string | undefined;
  /** The model's license. */
  licenseUrl?: string | undefined;
  /** The paper the model comes from. */
  paperUrl?: string | undefined;
}

/** Parameters of `models.update()`: the model, and the fields to change. */
export interface ModelUpdateParams extends ModelReference {
  /** What the model does, in a sentence. */
  description?: string | undefined;
  /** The model's source code on GitHub. */
  githubUrl?: string | undefined;
  /** The model's license. */
  licenseUrl?: string | undefined;
  /** The paper the model comes from. */
  paperUrl?: string | undefined;
  /** The README, in Markdown. */
  readme?: string | undefined;
  /** Where the model's weights are. */
  weightsUrl?: string | undefined;
}

/** The field `models.list()` sorts by. */
export type ModelSortField = "model_created_at" | "latest_version_created_at";

/** Sorting of `models.list()`. */
export interface ModelListParams {
  /** @default "latest_version_created_at" */
  sortBy?: ModelSortField | undefined;
  /** @default "desc" (newest first) */
  sortDirection?: "asc" | "desc" | undefined;
}

/** Parameters of `models.search()`. */
export interface ModelSearchParams {
  /** Free text, e.g. `"upscale faces"`. */
  query: string;
}

/** Parameters of `models.delete()`. */
export interface ModelDeleteParams extends ModelReference {
  /** The version to delete. Leave the key out to delete the model itself. */
  versionId?: string | undefined;
}

const VISIBILITIES: readonly ModelVisibility[] = ["public", "private"];
const SORT_FIELDS: readonly ModelSortField[] = ["model_created_at", "latest_version_created_at"];
const SORT_DIRECTIONS = ["asc", "desc"] as const;
const MODEL_SHAPE = "{ modelOwner, modelName }";

/** Models: metadata, versions, examples, README, collections and predictions by name. */
export class Models extends Resource {
  /** Predictions of official models, run by name. */
  readonly predictions: ModelPredictions = new ModelPredictions(this.context);
  readonly #collections: Collections = new Collections(this.context);

  /**
   * Gets a model.
   * @example
   * const model = await replicate.models.get({ modelOwner: "replicate", modelName: "hello-world" });
   * console.log(model.latestVersion?.id);
   */
  async get(params: ModelReference, options?: RequestOptions): Promise<ReplicateModel> {
    const wire = await this.http.json<ModelWire>({
      method: "GET",
      path: modelPath(params, "models.get()"),
      options,
    });
    return new ReplicateModel(wire);
  }

  /** Creates a model; push versions to it with Cog or with a training. */
  async create(params: ModelCreateParams, options?: RequestOptions): Promise<ReplicateModel> {
    const given = requireParams(
      params,
      "models.create()",
      "{ owner, name, visibility, hardware, ... }",
    );
    const body = {
      owner: requireSegment(given.owner, "owner"),
      name: requireSegment(given.name, "name"),
      visibility: oneOf(given.visibility, VISIBILITIES, "visibility"),
      hardware: requireText(given.hardware, "hardware"),
      ...definedFields({
        description: optionalText(given.description, "description"),
        github_url: optionalText(given.githubUrl, "githubUrl"),
        cover_image_url: optionalText(given.coverImageUrl, "coverImageUrl"),
        license_url: optionalText(given.licenseUrl, "licenseUrl"),
        paper_url: optionalText(given.paperUrl, "paperUrl"),
      }),
    };
    const wire = await this.http.json<ModelWire>({
      method: "POST",
      path: "/models",
      body,
      options,
    });
    return new ReplicateModel(wire);
  }

  /** Changes a model's metadata; only the fields you pass are sent. */
  async update(params: ModelUpdateParams, options?: RequestOptions): Promise<ReplicateModel> {
    const modelUrl = modelPath(params, "models.update()");
    const body = definedFields({
      description: optionalText(params.description, "description"),
      github_url: optionalText(params.githubUrl, "githubUrl"),
      license_url: optionalText(params.licenseUrl, "licenseUrl"),
      paper_url: optionalText(params.paperUrl, "paperUrl"),
      readme: optionalText(params.readme, "readme"),
      weights_url: optionalText(params.weightsUrl, "weightsUrl"),
    });
    if (Object.keys(body).length === 0) {
      throw new InvalidArgumentError(
        "models.update() has nothing to change: pass at least one of description, githubUrl, licenseUrl, paperUrl, readme or weightsUrl.",
      );
    }
    // Setting the same metadata twice has the effect of setting it once: safe to retry.
    const wire = await this.http.json<ModelWire>({
      method: "PATCH",
      path: modelUrl,
      body,
      idempotent: true,
      options,
    });
    return new ReplicateModel(wire);
  }

  /** Lists public models; iterate it to walk every page. */
  list(params: ModelListParams = {}, options?: RequestOptions): PagePromise<ReplicateModel> {
    return this.paginateRequest(
      () => {
        const given = requireParams(params, "models.list()", "{ sortBy, sortDirection }");
        return {
          path: "/models",
          query: {
            sort_by: optionalOneOf(given.sortBy, SORT_FIELDS, "sortBy"),
            sort_direction: optionalOneOf(given.sortDirection, SORT_DIRECTIONS, "sortDirection"),
          },
        };
      },
      wrapModel,
      options,
    );
  }

  /**
   * Searches public models by text (the API's `QUERY /models`); iterate it to walk every page.
   * `replicate.search()` also finds collections and documentation.
   */
  search(params: ModelSearchParams, options?: RequestOptions): PagePromise<ReplicateModel> {
    return this.paginateRequest(
      () => {
        const { query } = requireParams(params, "models.search()", "{ query }");
        return {
          method: "QUERY",
          path: "/models",
          rawBody: requireText(query, "query"),
          contentType: "text/plain",
        };
      },
      wrapModel,
      options,
    );
  }

  /** Lists the example predictions the model's author saved. */
  examples(params: ModelReference, options?: RequestOptions): PagePromise<Prediction> {
    return this.paginateRequest(
      () => ({ path: `${modelPath(params, "models.examples()")}/examples` }),
      (wire: PredictionWire) => new Prediction(wire),
      options,
    );
  }

  /** Gets the model's README, in Markdown. */
  async readme(params: ModelReference, options?: RequestOptions): Promise<string> {
    return this.http.text({
      method: "GET",
      path: `${modelPath(params, "models.readme()")}/readme`,
      headers: { Accept: "text/plain, text/markdown;q=0.9, */*;q=0.1" },
      options,
    });
  }

  /** Lists the model's versions, newest first. */
  versions(params: ModelReference, options?: RequestOptions): PagePromise<ModelVersion> {
    return this.paginateRequest(
      () => ({ path: `${modelPath(params, "models.versions()")}/versions` }),
      (wire: ModelVersionWire) => new ModelVersion(wire),
      options,
    );
  }

  /** Gets one version of a model, with its input and output schema. */
  async version(params: ModelVersionReference, options?: RequestOptions): Promise<ModelVersion> {
    const wire = await this.http.json<ModelVersionWire>({
      method: "GET",
      path: versionPath(params, "models.version()"),
      options,
    });
    return new ModelVersion(wire);
  }

  /**
   * Deletes a version (with `versionId`: the seed's meaning) or, without it, the model. The API
   * deletes only private models you own, and a model only once it has no versions. A version
   * deletion is accepted at once and carried out within minutes.
   */
  async delete(params: ModelDeleteParams, options?: RequestOptions): Promise<void> {
    const given = requireParams(params, "models.delete()", "{ modelOwner, modelName, versionId }");
    // A `versionId` key whose value is missing is a bug in the caller, not a request to delete
    // the whole model.
    const target =
      "versionId" in given
        ? versionPath(given as ModelVersionReference, "models.delete()")
        : modelPath(given, "models.delete()");
    await this.http.json<undefined>({
      method: "DELETE",
      path: target,
      allowEmptyBody: true,
      options,
    });
  }

  /** Gets a collection of models by its slug (the same as `collections.get()`). */
  async collection(
    params: CollectionReference,
    options?: RequestOptions,
  ): Promise<ModelsCollection> {
    return this.#collections.get(params, options);
  }
}

function wrapModel(wire: ModelWire): ReplicateModel {
  return new ReplicateModel(wire);
}

function modelPath(params: ModelReference, call: string): string {
  const { modelOwner, modelName } = requireParams(params, call, MODEL_SHAPE);
  return path`/models/${requireSegment(modelOwner, "modelOwner")}/${requireSegment(modelName, "modelName")}`;
}

function versionPath(params: ModelVersionReference, call: string): string {
  const modelUrl = modelPath(params, call);
  return `${modelUrl}${path`/versions/${requireSegment(params.versionId, "versionId")}`}`;
}
