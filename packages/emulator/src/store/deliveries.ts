import { localUrl } from "../http/urls";
import { randomId } from "../ids";

/** A file a model produced, served without a token like replicate.delivery. */
export interface DeliveryRecord {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** The path a delivery is served at, relative to the emulator's origin. */
export function deliveryPath(delivery: DeliveryRecord): string {
  return `/delivery/${delivery.id}/${encodeURIComponent(delivery.filename)}`;
}

/** How many bytes of model output files an emulator keeps before it drops the least used. */
export const OUTPUT_BUDGET_BYTES = 256 * 1024 * 1024;

/**
 * Model output files by id. They live in memory, so their total size is bounded: past the budget
 * the least recently served ones are dropped (their URLs answer 404), as Replicate deletes
 * outputs after a while. Pinned files (the models' default examples) are never dropped.
 */
export class DeliveryStore {
  /** In order of last use, oldest first. */
  readonly #deliveries = new Map<string, { delivery: DeliveryRecord; pinned: boolean }>();
  readonly #budgetBytes: number;
  #unpinnedBytes = 0;

  /** @param budgetBytes bytes of unpinned files to keep @default {@link OUTPUT_BUDGET_BYTES} */
  constructor(budgetBytes: number = OUTPUT_BUDGET_BYTES) {
    this.#budgetBytes = budgetBytes;
  }

  /**
   * Stores a file a model produced and returns the URL it is served at (resolved against the
   * origin of whoever reads it).
   */
  publish(
    bytes: Uint8Array,
    options: { filename: string; contentType: string },
    { pinned = false }: { pinned?: boolean } = {},
  ): string {
    const delivery: DeliveryRecord = { id: randomId(), bytes, ...options };
    this.#deliveries.set(delivery.id, { delivery, pinned });
    if (!pinned) {
      this.#unpinnedBytes += bytes.byteLength;
      this.#evict();
    }
    return localUrl(deliveryPath(delivery));
  }

  /** A stored file; serving it makes it the most recently used. */
  get(id: string): DeliveryRecord | undefined {
    const entry = this.#deliveries.get(id);
    if (!entry) return undefined;
    this.#deliveries.delete(id);
    this.#deliveries.set(id, entry);
    return entry.delivery;
  }

  clear(): void {
    this.#deliveries.clear();
    this.#unpinnedBytes = 0;
  }

  #evict(): void {
    for (const [id, entry] of this.#deliveries) {
      if (this.#unpinnedBytes <= this.#budgetBytes) return;
      if (entry.pinned) continue;
      this.#deliveries.delete(id);
      this.#unpinnedBytes -= entry.delivery.bytes.byteLength;
    }
  }
}
