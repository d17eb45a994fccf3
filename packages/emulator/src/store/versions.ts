import type { ModelBehaviour, TrainerBehaviour } from "../models/types";
import { modelKey } from "./models";
import { KeyedStore } from "./record-store";

/** A model version: its Cog schema and how it behaves when run or trained. */
export interface VersionRecord {
  readonly id: string;
  /** `owner/name` of its model. */
  readonly model: string;
  readonly sequence: number;
  /** Emulated epoch milliseconds. */
  readonly createdAt: number;
  readonly cogVersion: string | null;
  readonly openapiSchema: Record<string, unknown> | null;
  readonly behaviour: ModelBehaviour;
  readonly trainer: TrainerBehaviour | undefined;
}

/** Newest first: by creation time, then by creation order. */
function newestFirst(a: VersionRecord, b: VersionRecord): number {
  return b.createdAt - a.createdAt || b.sequence - a.sequence;
}

/**
 * Versions by id, with lookups by model. Each model's versions are also kept in their own list,
 * newest first, so `latest()` costs the same with 6 models as with the public catalogue's 3,800.
 */
export class VersionStore extends KeyedStore<VersionRecord> {
  readonly #byModel = new Map<string, VersionRecord[]>();

  constructor() {
    super((version) => version.id);
  }

  override add(version: VersionRecord): VersionRecord {
    this.delete(version.id);
    super.add(version);
    const key = version.model.toLowerCase();
    const list = this.#byModel.get(key) ?? [];
    list.push(version);
    list.sort(newestFirst);
    this.#byModel.set(key, list);
    return version;
  }

  /** A model's versions, newest first. */
  forModel(owner: string, name: string): VersionRecord[] {
    return [...(this.#byModel.get(modelKey(owner, name)) ?? [])];
  }

  /** A model's newest version. */
  latest(owner: string, name: string): VersionRecord | undefined {
    return this.#byModel.get(modelKey(owner, name))?.[0];
  }

  override delete(id: string): VersionRecord | undefined {
    const version = super.delete(id);
    if (!version) return undefined;
    const key = version.model.toLowerCase();
    const remaining = (this.#byModel.get(key) ?? []).filter((v) => v.id !== id);
    if (remaining.length > 0) this.#byModel.set(key, remaining);
    else this.#byModel.delete(key);
    return version;
  }

  override clear(): void {
    super.clear();
    this.#byModel.clear();
  }
}
