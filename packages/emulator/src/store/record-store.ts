/**
 * What every store of the emulator shares: records in a map under the key each record gives,
 * listed in the store's order. Stores add the lookups their entity needs on top.
 */
export class RecordStore<T> {
  readonly #records = new Map<string, T>();
  readonly #keyOf: (record: T) => string;
  readonly #order: ((a: T, b: T) => number) | undefined;

  /**
   * @param keyOf the key a record is stored under
   * @param order how {@link list} sorts; insertion order when left out
   */
  constructor(keyOf: (record: T) => string, order?: (a: T, b: T) => number) {
    this.#keyOf = keyOf;
    this.#order = order;
  }

  /** Stores a record, replacing one with the same key. */
  add(record: T): T {
    this.#records.set(this.#keyOf(record), record);
    return record;
  }

  /** Every record, in the store's order. */
  list(): T[] {
    const records = [...this.#records.values()];
    return this.#order ? records.sort(this.#order) : records;
  }

  clear(): void {
    this.#records.clear();
  }

  get size(): number {
    return this.#records.size;
  }

  protected findKey(key: string): T | undefined {
    return this.#records.get(key);
  }

  protected removeKey(key: string): T | undefined {
    const record = this.#records.get(key);
    this.#records.delete(key);
    return record;
  }
}

/** A store whose records are looked up by one key (an id, a slug). */
export class KeyedStore<T> extends RecordStore<T> {
  get(key: string): T | undefined {
    return this.findKey(key);
  }

  /** Removes a record; returns it, or undefined if there was none. */
  delete(key: string): T | undefined {
    return this.removeKey(key);
  }
}

/** Newest first, by the store-wide creation order. */
export function newestFirst(a: { sequence: number }, b: { sequence: number }): number {
  return b.sequence - a.sequence;
}
