import type { components } from "../generated/openapi";
import { orUndefined } from "./convert";
import { type ModelWire, ReplicateModel } from "./model";

/** A collection as `collections.list()` sends it: without its models. */
export type CollectionSummaryWire = components["schemas"]["schemas_collection_list_item"];

/** A collection as `collections.get()` sends it: with its models. */
export type ModelsCollectionWire = Omit<
  components["schemas"]["schemas_collection_response"],
  "models"
> & { models: ModelWire[] };

/** A collection in a list: its name and slug, without its models. */
export class CollectionSummary {
  /** The collection's name, e.g. `Super resolution`. */
  readonly name: string;
  /** The collection's id in URLs, e.g. `super-resolution`; pass it to `collections.get()`. */
  readonly slug: string;
  /** What the models of the collection do. */
  readonly description: string;
  /** The collection exactly as the API sent it. */
  readonly raw: CollectionSummaryWire;

  constructor(wire: CollectionSummaryWire) {
    this.raw = wire;
    this.name = wire.name;
    this.slug = wire.slug;
    this.description = wire.description;
  }

  /** The wire JSON, so that `JSON.stringify(collection)` gives what the API sent. */
  toJSON(): CollectionSummaryWire {
    return this.raw;
  }
}

/** A curated collection of models, such as `super-resolution`, with its models. */
export class ModelsCollection {
  /** The collection's name, e.g. `Super resolution`. */
  readonly name: string;
  /** The collection's id in URLs, e.g. `super-resolution`. */
  readonly slug: string;
  /** What the models of the collection do. */
  readonly description: string;
  /** The long description, in Markdown. */
  readonly fullDescription: string | undefined;
  /** The models in the collection. */
  readonly models: ReplicateModel[];
  /** The collection exactly as the API sent it. */
  readonly raw: ModelsCollectionWire;

  constructor(wire: ModelsCollectionWire) {
    this.raw = wire;
    this.name = wire.name;
    this.slug = wire.slug;
    this.description = wire.description;
    this.fullDescription = orUndefined(wire.full_description);
    this.models = (wire.models ?? []).map((model) => new ReplicateModel(model));
  }

  /** The wire JSON, so that `JSON.stringify(collection)` gives what the API sent. */
  toJSON(): ModelsCollectionWire {
    return this.raw;
  }
}
