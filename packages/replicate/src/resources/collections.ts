import type { RequestOptions } from "../core/options";
import type { PagePromise } from "../core/page";
import { Resource } from "../core/resource";
import { path, requireSegment } from "../internal/path";
import { requireParams } from "../internal/validate";
import {
  CollectionSummary,
  type CollectionSummaryWire,
  ModelsCollection,
  type ModelsCollectionWire,
} from "../wrappers/collection";

/** Names a collection by its slug, e.g. `{ collectionSlug: "super-resolution" }`. */
export interface CollectionReference {
  /** The collection's slug, as in its URL, e.g. `super-resolution`. */
  collectionSlug: string;
}

/** Collections: curated lists of models, such as `text-to-image`. */
export class Collections extends Resource {
  /** Lists every collection (without their models); iterate it to walk every page. */
  list(options?: RequestOptions): PagePromise<CollectionSummary> {
    return this.paginate(
      "/collections",
      undefined,
      (wire: CollectionSummaryWire) => new CollectionSummary(wire),
      options,
    );
  }

  /** Gets a collection with its models. */
  async get(params: CollectionReference, options?: RequestOptions): Promise<ModelsCollection> {
    const { collectionSlug } = requireParams(params, "collections.get()", "{ collectionSlug }");
    const wire = await this.http.json<ModelsCollectionWire>({
      method: "GET",
      path: path`/collections/${requireSegment(collectionSlug, "collectionSlug")}`,
      options,
    });
    return new ModelsCollection(wire);
  }
}
