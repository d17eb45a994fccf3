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
export class CollectionStore {
  #collections = new Map<string, CollectionRecord>();

  add(collection: CollectionRecord): CollectionRecord {
    this.#collections.set(collection.slug, collection);
    return collection;
  }

  get(slug: string): CollectionRecord | undefined {
    return this.#collections.get(slug);
  }

  list(): CollectionRecord[] {
    return [...this.#collections.values()];
  }

  clear(): void {
    this.#collections.clear();
  }
}
