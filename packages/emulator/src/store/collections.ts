import { KeyedStore } from "./record-store";

/** A curated collection of models. */
export interface CollectionRecord {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly fullDescription: string | null;
  /** `owner/name` of each model in it. */
  readonly models: string[];
}

/** Collections by slug, in the order they were added. */
export class CollectionStore extends KeyedStore<CollectionRecord> {
  constructor() {
    super((collection) => collection.slug);
  }
}
