import type { components } from "../generated/openapi";
import { orUndefined } from "./convert";
import { type ModelWire, ReplicateModel } from "./model";

/** The answer of `GET /search` as the API sends it. */
export type SearchResultsWire = Omit<components["schemas"]["schemas_search_response"], "models"> & {
  models: {
    model: ModelWire;
    metadata: components["schemas"]["schemas_search_model_metadata_response"];
  }[];
};

/** What search adds to a model it found. */
export interface SearchModelMetadata {
  /** A longer description of the model, written by a language model. */
  generatedDescription: string | undefined;
  /** How well the model matches the query; higher is better. */
  score: number | undefined;
  tags: string[];
}

/** A model search found, with the metadata search adds. */
export interface SearchModelResult {
  model: ReplicateModel;
  metadata: SearchModelMetadata;
}

/** A collection search found. */
export interface SearchCollectionResult {
  name: string;
  slug: string;
  description: string;
  /** `owner/name` of each model in the collection. */
  models: string[];
}

/** A documentation page search found. */
export interface SearchPageResult {
  /** The page's title. */
  name: string;
  /** Its path on replicate.com, e.g. `/docs/guides/image-editing`. */
  href: string;
}

/** What `replicate.search()` found: models, collections and documentation pages. */
export class SearchResults {
  /** The query as the API evaluated it. */
  readonly query: string;
  readonly models: SearchModelResult[];
  readonly collections: SearchCollectionResult[];
  readonly pages: SearchPageResult[];
  /** The answer exactly as the API sent it. */
  readonly raw: SearchResultsWire;

  constructor(wire: SearchResultsWire) {
    this.raw = wire;
    this.query = wire.query;
    this.models = (wire.models ?? []).map(({ model, metadata }) => ({
      model: new ReplicateModel(model),
      metadata: {
        generatedDescription: orUndefined(metadata?.generated_description),
        score: orUndefined(metadata?.score),
        tags: metadata?.tags ?? [],
      },
    }));
    this.collections = (wire.collections ?? []).map((collection) => ({
      name: collection.name,
      slug: collection.slug,
      description: collection.description,
      models: collection.models ?? [],
    }));
    this.pages = (wire.pages ?? []).map(({ name, href }) => ({ name, href }));
  }

  /** The wire JSON, so that `JSON.stringify(results)` gives what the API sent. */
  toJSON(): SearchResultsWire {
    return this.raw;
  }
}
