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

/** Model output files by id. */
export class DeliveryStore {
  #deliveries = new Map<string, DeliveryRecord>();

  add(delivery: DeliveryRecord): DeliveryRecord {
    this.#deliveries.set(delivery.id, delivery);
    return delivery;
  }

  get(id: string): DeliveryRecord | undefined {
    return this.#deliveries.get(id);
  }

  clear(): void {
    this.#deliveries.clear();
  }
}
